package nl.kamerstroom.ingest.source.koop;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.kamerstroom.ingest.source.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The zaak numbers a KOOP publication names itself: the {@code kv-tk-2025Z03250} id of a question
 * without answer, the {@code <kamervraagnummer>} of the XML header, and the zaak in the XML's
 * generated ids ({@code ID-2019Z15386-d37e51}). References to other zaken in the text are not taken.
 */
public final class KoopZaken {

    private static final Pattern ZAAK = Pattern.compile("(?:19|20)\\d{2}Z\\d{5}");
    private static final Pattern IN_ID = Pattern.compile("^ID-((?:19|20)\\d{2}Z\\d{5})-");

    private KoopZaken() {
    }

    public static List<String> of(String identifier, Document xml) {
        Set<String> zaken = new LinkedHashSet<>();
        if (identifier.startsWith("kv-tk-")) {
            Matcher m = ZAAK.matcher(identifier);
            if (m.find()) {
                zaken.add(m.group());
            }
        }
        Element root = xml.getDocumentElement();
        for (String header : List.of("kamervraagnummer", "zaaknummer")) {
            for (Element e : SafeXml.descendants(root, header)) {
                Matcher m = ZAAK.matcher(e.getTextContent());
                while (m.find()) {
                    zaken.add(m.group());
                }
            }
        }
        if (zaken.isEmpty()) {
            ids(root, zaken);
        }
        return List.copyOf(zaken);
    }

    private static void ids(Element element, Set<String> zaken) {
        Matcher m = IN_ID.matcher(element.getAttribute("id"));
        if (m.find()) {
            zaken.add(m.group(1));
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                ids(child, zaken);
            }
        }
    }
}
