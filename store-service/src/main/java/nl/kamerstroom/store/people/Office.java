package nl.kamerstroom.store.people;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A government office questions go to or answers come from: "Minister van Justitie en Veiligheid". */
@Entity
@Table(name = "office")
public class Office extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "office_seq")
    @SequenceGenerator(name = "office_seq", sequenceName = "office_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false, unique = true)
    public String title;

    public static Office findOrCreate(String title) {
        String t = title.trim();
        Office office = find("title", t).firstResult();
        if (office == null) {
            office = new Office();
            office.title = t;
            office.persist();
        }
        return office;
    }
}
