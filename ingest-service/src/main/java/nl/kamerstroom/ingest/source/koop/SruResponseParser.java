package nl.kamerstroom.ingest.source.koop;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.kamerstroom.ingest.source.SafeXml;
import org.w3c.dom.Element;

/**
 * Reads a KOOP SRU 2.0 searchRetrieve response ({@code sru:searchRetrieveResponse} with
 * {@code numberOfRecords}, {@code records/record/recordData/gzd} and {@code nextRecordPosition}).
 * Elements are matched by local name: the gzd record mixes the dcterms, overheid and
 * overheidwetgeving namespaces, and samples of it circulate with the prefixes stripped.
 */
public final class SruResponseParser {

    private SruResponseParser() {
    }

    public static SruPage parse(byte[] xml) {
        Element root = SafeXml.parse(xml).getDocumentElement();
        if (!"searchRetrieveResponse".equals(SafeXml.localName(root))) {
            throw new SafeXml.MalformedException("not an SRU searchRetrieveResponse: <" + SafeXml.localName(root) + ">");
        }
        String total = SafeXml.childText(root, "numberOfRecords");
        if (total == null) {
            Element diagnostics = SafeXml.child(root, "diagnostics");
            throw new SafeXml.MalformedException("SRU response without numberOfRecords"
                    + (diagnostics == null ? "" : ": " + diagnostics.getTextContent().trim()));
        }
        List<SruRecord> records = new ArrayList<>();
        Element container = SafeXml.child(root, "records");
        if (container != null) {
            for (Element record : SafeXml.children(container, "record")) {
                records.add(record(record));
            }
        }
        String next = SafeXml.childText(root, "nextRecordPosition");
        return new SruPage(records, Long.parseLong(total), next == null ? null : Integer.valueOf(next));
    }

    private static SruRecord record(Element record) {
        String identifier = SafeXml.descendantText(record, "identifier");
        if (identifier == null) {
            throw new SafeXml.MalformedException("an SRU record without identifier");
        }
        String modified = SafeXml.descendantText(record, "datumTijdstipWijzigingExpression");
        String modifiedDay = SafeXml.descendantText(record, "modified");
        if (modified == null) {
            modified = modifiedDay;
        }
        if (modified == null) {
            throw new SafeXml.MalformedException("SRU record " + identifier + " has no modification date");
        }
        return new SruRecord(identifier, SafeXml.descendantText(record, "title"),
                SafeXml.descendantText(record, "publicatienaam"), modified,
                date(modifiedDay != null ? modifiedDay : modified),
                date(first(SafeXml.descendantText(record, "date"), SafeXml.descendantText(record, "available"))),
                xmlUrl(record), texts(record, "indiener"), texts(record, "ontvanger"));
    }

    private static String xmlUrl(Element record) {
        for (Element item : SafeXml.descendants(record, "itemUrl")) {
            if ("xml".equals(item.getAttribute("manifestation"))) {
                return item.getTextContent().trim();
            }
        }
        String url = SafeXml.descendantText(record, "url");
        return url != null && url.endsWith(".xml") ? url : null;
    }

    private static List<String> texts(Element record, String localName) {
        List<String> values = new ArrayList<>();
        for (Element e : SafeXml.descendants(record, localName)) {
            String text = e.getTextContent().trim();
            if (!text.isEmpty() && !values.contains(text)) {
                values.add(text);
            }
        }
        return values;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static LocalDate date(String value) {
        if (value == null || value.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 10));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
