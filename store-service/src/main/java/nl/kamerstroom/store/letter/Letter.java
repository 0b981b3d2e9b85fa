package nl.kamerstroom.store.letter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.kamerstroom.events.LetterKind;
import nl.kamerstroom.store.people.Member;
import nl.kamerstroom.store.people.Office;
import nl.kamerstroom.store.zaak.Zaak;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

/** One source document as parsed: the store's record of a {@code letters.parsed} event. */
@Entity
@Table(name = "letter")
public class Letter extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "letter_seq")
    @SequenceGenerator(name = "letter_seq", sequenceName = "letter_seq", allocationSize = 50)
    public Long id;

    @Column(name = "document_id", nullable = false, unique = true)
    public String documentId;

    @Column(nullable = false, columnDefinition = "bpchar(64)")
    public String sha256;

    @Column(name = "result_hash", nullable = false, columnDefinition = "bpchar(64)")
    public String resultHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LetterKind kind;

    /** The zaak the letter's questions belong to; other zaken it refers to are in {@link #zaakNumbers}. */
    @ManyToOne
    @JoinColumn(name = "zaak_number")
    public Zaak zaak;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "zaak_numbers", nullable = false)
    @Mutability(Immutability.class) // replaced, never changed in place: no JSON deep copy per flush
    public List<String> zaakNumbers = new ArrayList<>();

    @Column(name = "document_number")
    public String documentNumber;

    @Column(name = "our_reference")
    public String ourReference;

    @Column(columnDefinition = "text")
    public String subject;

    @Column(name = "submitted_date")
    public LocalDate submittedDate;

    @Column(name = "received_date")
    public LocalDate receivedDate;

    @Column(name = "letter_date")
    public LocalDate letterDate;

    @Column(nullable = false)
    public String source;

    @Column(name = "source_id")
    public String sourceId;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "fetched_at")
    public Instant fetchedAt;

    @Column(name = "parsed_at", nullable = false)
    public Instant parsedAt;

    @Column(name = "parser_version")
    public String parserVersion;

    /** The whole parsed letter as it arrived, for fields the tables do not (yet) model. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String parsed;

    @Column(name = "stored_at", nullable = false)
    public Instant storedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Why the parser thinks a person should check this letter (ParsedLetter.reviewReasons); empty when clean. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "review_reasons", nullable = false)
    @Mutability(Immutability.class)
    public List<String> reviewReasons = new ArrayList<>();

    /**
     * How this letter's structure differs from another source's copy of the same document (same
     * {@link #documentNumber}, e.g. the Tweede Kamer's PDF and KOOP's XML); {@code null} when they
     * agree or there is no other copy.
     */
    @Column(name = "source_disagreement", columnDefinition = "text")
    public String sourceDisagreement;

    /** The XML letter of the same document whose structure counts for the zaak instead of this one's. */
    @Column(name = "superseded_by")
    public String supersededBy;

    /** Review reasons or a source disagreement: kept as a column for the list and the gauge. */
    @Column(name = "needs_review", nullable = false)
    public boolean needsReview;

    /** Set when the source deleted the document; the letter stays, it no longer counts. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    @ManyToMany
    @JoinTable(name = "letter_asker", joinColumns = @JoinColumn(name = "letter_id"),
            inverseJoinColumns = @JoinColumn(name = "member_id"))
    @OrderColumn(name = "position")
    public List<Member> askers = new ArrayList<>();

    @ManyToMany
    @JoinTable(name = "letter_addressee", joinColumns = @JoinColumn(name = "letter_id"),
            inverseJoinColumns = @JoinColumn(name = "office_id"))
    @OrderColumn(name = "position")
    public List<Office> addressees = new ArrayList<>();

    @ManyToMany
    @JoinTable(name = "letter_answerer", joinColumns = @JoinColumn(name = "letter_id"),
            inverseJoinColumns = @JoinColumn(name = "office_id"))
    @OrderColumn(name = "position")
    public List<Office> answeredBy = new ArrayList<>();

    @OneToMany(mappedBy = "letter", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Question> questions = new ArrayList<>();

    /** Who answered and who was addressed, as persons in office where known ({@link LetterOfficial}). */
    @OneToMany(mappedBy = "letter", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("relation, position")
    public List<LetterOfficial> officials = new ArrayList<>();

    @OneToMany(mappedBy = "letter", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Answer> answers = new ArrayList<>();

    /** What a reader of the letter should know before trusting its structure, parser's reasons first. */
    public List<String> allReviewReasons() {
        List<String> all = new ArrayList<>(reviewReasons);
        if (sourceDisagreement != null) {
            all.add(sourceDisagreement);
        }
        return all;
    }

    /** Keeps {@link #needsReview} in step with the reasons. */
    public void updateNeedsReview() {
        needsReview = !reviewReasons.isEmpty() || sourceDisagreement != null;
    }

    public static Optional<Letter> findByDocumentId(String documentId) {
        return find("documentId", documentId).firstResultOptional();
    }

    /** The letters of several zaken in one query, in the order {@link #findByZaak} gives. */
    public static List<Letter> findByZaken(java.util.Collection<String> zaakNumbers) {
        return list("zaak.number in ?1 order by letterDate nulls last, storedAt", zaakNumbers);
    }

    public static List<Letter> findByZaak(String zaakNumber) {
        return list("zaak.number = ?1 order by letterDate nulls last, storedAt", zaakNumber);
    }
}
