package nl.kamerstroom.ingest.source.koop;

import java.util.List;

/**
 * KOOP SRU 2.0 responses built from the documented structure (searchRetrieveResponse, gzd records
 * with owmskern / owmsmantel / tpmeta and enrichedData, nextRecordPosition) and the real record
 * sample in {@code fixtures/koop/}, which is a Gemeenteblad record: no recorded Kamervragen
 * response exists in the corpus, so these are constructed (see {@code fixtures/README.md}).
 */
final class SruFixture {

    static final String REPOSITORY = "https://repository.overheid.nl";

    private SruFixture() {
    }

    static String response(long total, Integer next, List<String> records) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<sru:searchRetrieveResponse xmlns:sru=\"http://docs.oasis-open.org/ns/search-ws/sruResponse\">\n"
                + "  <sru:version>2.0</sru:version>\n"
                + "  <sru:numberOfRecords>" + total + "</sru:numberOfRecords>\n"
                + "  <sru:records>\n");
        records.forEach(xml::append);
        xml.append("  </sru:records>\n");
        if (next != null) {
            xml.append("  <sru:nextRecordPosition>").append(next).append("</sru:nextRecordPosition>\n");
        }
        return xml.append("</sru:searchRetrieveResponse>\n").toString();
    }

    static String record(String id, String vergaderjaar, String title, String publicatienaam, String modifiedDay,
            String stamp, int position) {
        String frbr = REPOSITORY + "/frbr/officielepublicaties/ah-tk/" + vergaderjaar + "/" + id + "/1";
        return "    <sru:record>\n"
                + "      <sru:recordSchema>http://standaarden.overheid.nl/sru/</sru:recordSchema>\n"
                + "      <sru:recordPacking>xml</sru:recordPacking>\n"
                + "      <sru:recordData><gzd:gzd xmlns:gzd=\"http://standaarden.overheid.nl/sru\""
                + " xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:overheidwetgeving=\"http://standaarden.overheid.nl/wetgeving/\">"
                + "<gzd:originalData><overheidwetgeving:meta><overheidwetgeving:owmskern>"
                + "<dcterms:identifier>" + id + "</dcterms:identifier><dcterms:title>" + title + "</dcterms:title>"
                + "<dcterms:language>nl</dcterms:language><dcterms:type scheme=\"OVERHEIDop.Publicatietype\">Kamervragen</dcterms:type>"
                + "<dcterms:creator scheme=\"OVERHEID.StatenGeneraal\">Tweede Kamer der Staten-Generaal</dcterms:creator>"
                + "<dcterms:modified>" + modifiedDay + "</dcterms:modified></overheidwetgeving:owmskern>"
                + "<overheidwetgeving:owmsmantel><dcterms:available>" + modifiedDay + "</dcterms:available>"
                + "<dcterms:date>" + modifiedDay + "</dcterms:date></overheidwetgeving:owmsmantel>"
                + "<overheidwetgeving:tpmeta><overheidwetgeving:product-area>officielepublicaties</overheidwetgeving:product-area>"
                + "<overheidwetgeving:publicatienaam>" + publicatienaam + "</overheidwetgeving:publicatienaam>"
                + "<overheidwetgeving:vergaderjaar>" + vergaderjaar.substring(0, 4) + "-" + vergaderjaar.substring(4)
                + "</overheidwetgeving:vergaderjaar>"
                + "<overheidwetgeving:datumTijdstipWijzigingExpression>" + stamp
                + "</overheidwetgeving:datumTijdstipWijzigingExpression></overheidwetgeving:tpmeta>"
                + "</overheidwetgeving:meta></gzd:originalData>"
                + "<gzd:enrichedData><gzd:url>" + frbr + "/xml/" + id + ".xml</gzd:url>"
                + "<gzd:itemUrl manifestation=\"pdf\">" + frbr + "/pdf/" + id + ".pdf</gzd:itemUrl>"
                + "<gzd:itemUrl manifestation=\"xml\">" + frbr + "/xml/" + id + ".xml</gzd:itemUrl>"
                + "</gzd:enrichedData></gzd:gzd></sru:recordData>\n"
                + "      <sru:recordPosition>" + position + "</sru:recordPosition>\n"
                + "    </sru:record>\n";
    }
}
