package nl.kamerstroom.store.zaak;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Tweede Kamer case ({@code 2025Z17315}): what ties the letters of one set of questions together. */
@Entity
@Table(name = "zaak")
public class Zaak extends PanacheEntityBase {

    public static final String NUMBER_PATTERN = "\\d{4}Z\\d{5}";

    @Id
    public String number;

    @Column(name = "first_seen_at", nullable = false)
    public Instant firstSeenAt;

    /** The zaak, created the first time any letter names it. */
    public static Zaak findOrCreate(String number) {
        Zaak zaak = findById(number);
        if (zaak == null) {
            zaak = new Zaak();
            zaak.number = number;
            zaak.firstSeenAt = Instant.now();
            zaak.persist();
        }
        return zaak;
    }
}
