package nl.kamerstroom.ingest.source.koop;

import java.util.List;

/** One SRU searchRetrieve response: its records, the total, and where the next page starts (null at the end). */
public record SruPage(List<SruRecord> records, long numberOfRecords, Integer nextRecordPosition) {
}
