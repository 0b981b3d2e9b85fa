package nl.kamerstroom.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Renders a letter's text as a real PDF, line by line, so that tests can feed the pipeline the
 * same letter as text and as PDF. Form feeds start a new page, as page breaks do in the sources;
 * long lines wrap at spaces.
 */
public final class TextPdf {

    private static final float FONT_SIZE = 10;
    private static final float LEADING = 13;
    private static final float MARGIN = 50;

    private TextPdf() {
    }

    public static byte[] render(String text) {
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        int linesPerPage = (int) ((PDRectangle.A4.getHeight() - 2 * MARGIN) / LEADING);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String page : text.split("\f")) {
                List<String> lines = new ArrayList<>();
                for (String line : page.split("\\R", -1)) {
                    lines.addAll(wrap(printable(line, font), font, width));
                }
                for (int start = 0; start < lines.size() || start == 0; start += linesPerPage) {
                    PDPage pdPage = new PDPage(PDRectangle.A4);
                    document.addPage(pdPage);
                    try (PDPageContentStream content = new PDPageContentStream(document, pdPage)) {
                        content.beginText();
                        content.setFont(font, FONT_SIZE);
                        content.setLeading(LEADING);
                        content.newLineAtOffset(MARGIN, PDRectangle.A4.getHeight() - MARGIN);
                        for (String line : lines.subList(start, Math.min(lines.size(), start + linesPerPage))) {
                            content.showText(line);
                            content.newLine();
                        }
                        content.endText();
                    }
                    if (lines.isEmpty()) {
                        break;
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String printable(String line, PDType1Font font) {
        StringBuilder sb = new StringBuilder();
        line.replace('\t', ' ').codePoints().forEach(cp -> {
            if (cp < 0x20) {
                return;
            }
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                sb.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
            }
        });
        return sb.toString().stripTrailing();
    }

    private static List<String> wrap(String line, PDType1Font font, float width) {
        List<String> out = new ArrayList<>();
        String rest = line;
        try {
            while (font.getStringWidth(rest) / 1000 * FONT_SIZE > width) {
                int cut = rest.length();
                while (cut > 0 && font.getStringWidth(rest.substring(0, cut)) / 1000 * FONT_SIZE > width) {
                    cut = rest.lastIndexOf(' ', cut - 1);
                }
                if (cut <= 0) {
                    break;
                }
                out.add(rest.substring(0, cut));
                rest = rest.substring(cut + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.add(rest);
        return out;
    }
}
