package nl.kamerstroom.store.zaak;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** A Tweede Kamer case ({@code 2025Z17315}): what ties the letters of one set of questions together. */
@Entity
@Table(name = "zaak")
public class Zaak extends PanacheEntityBase {

    public static final String NUMBER_PATTERN = "\\d{4}Z\\d{5}";

    @Id
    public String number;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ZaakLifecycle.Status status = ZaakLifecycle.Status.ASKED;

    @Column(columnDefinition = "text")
    public String subject;

    @Column(name = "submitted_date")
    public LocalDate submittedDate;

    public LocalDate deadline;

    @Column(name = "answered_date")
    public LocalDate answeredDate;

    @Column(name = "reply_days")
    public Integer replyDays;

    @Column(nullable = false)
    public boolean postponed;

    /** The letter whose questions, askers and addressees stand for the zaak: the answer letter if any. */
    @Column(name = "primary_letter_id")
    public Long primaryLetterId;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The first postponement notice's arrival, kept so the figures need not read the letters (V10). */
    @Column(name = "term_postponed_on")
    public LocalDate termPostponedOn;

    /** The first answer's (or further answer's) arrival, as {@link AnswerTerm} counts it. */
    @Column(name = "term_answered_on")
    public LocalDate termAnsweredOn;

    /** The first withdrawal's arrival. */
    @Column(name = "term_withdrawn_on")
    public LocalDate termWithdrawnOn;

    public void apply(ZaakLifecycle.State state) {
        status = state.status();
        submittedDate = state.submittedDate();
        deadline = state.deadline();
        answeredDate = state.answeredDate();
        replyDays = state.replyDays();
        postponed = state.postponed();
    }

    /** Keeps the term's facts: only the first arrival of each kind matters to {@link AnswerTerm}. */
    public void applyTerm(AnswerTerm.Facts facts) {
        termPostponedOn = first(facts.postponements());
        termAnsweredOn = first(facts.answers());
        termWithdrawnOn = first(facts.withdrawals());
    }

    /** The facts keep their days sorted. */
    private static LocalDate first(java.util.Collection<LocalDate> sorted) {
        return sorted.stream().findFirst().orElse(null);
    }

    public ZaakLifecycle.State state() {
        return new ZaakLifecycle.State(status, submittedDate, deadline, answeredDate, replyDays, postponed);
    }

    /** The zaak, created the first time any letter names it. */
    public static Zaak findOrCreate(String number) {
        Zaak zaak = findById(number);
        return zaak != null ? zaak : create(number);
    }

    /** A new zaak, for a number known not to be stored yet. */
    public static Zaak create(String number) {
        Zaak zaak = new Zaak();
        zaak.number = number;
        zaak.firstSeenAt = Instant.now();
        zaak.persist();
        return zaak;
    }
}
