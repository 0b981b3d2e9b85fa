package nl.kamerstroom.store.letter;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import nl.kamerstroom.store.people.Person;

/**
 * Who answered a letter or was addressed by it: the office held then and, when the letter or its
 * source names one, the person ({@code null}: the office alone is known). A person's distinct
 * offices over these rows are their terms of office.
 */
@Entity
@Table(name = "letter_official")
public class LetterOfficial extends PanacheEntityBase {

    public static final String ANSWERED = "ANSWERED";
    public static final String ADDRESSED = "ADDRESSED";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "letter_official_seq")
    @SequenceGenerator(name = "letter_official_seq", sequenceName = "letter_official_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "letter_id")
    public Letter letter;

    /** {@link #ANSWERED} or {@link #ADDRESSED}. */
    @Column(nullable = false)
    public String relation;

    /** 0-based order within the relation: the order the letter names them in. */
    @Column(nullable = false)
    public int position;

    /** "Minister van Justitie en Veiligheid", first letter capitalised whatever the source wrote. */
    @Column(nullable = false)
    public String office;

    @ManyToOne
    @JoinColumn(name = "person_id")
    public Person person;
}
