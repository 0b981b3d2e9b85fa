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
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

/** One answer of a letter, covering one or more question numbers ("Antwoord op vragen 7 en 8"). */
@Entity
@Table(name = "answer")
public class Answer extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "answer_seq")
    @SequenceGenerator(name = "answer_seq", sequenceName = "answer_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "letter_id")
    public Letter letter;

    @Column(nullable = false)
    public int position;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "question_numbers", nullable = false)
    @Mutability(Immutability.class)
    public List<String> questionNumbers = new ArrayList<>();

    @Column(nullable = false, columnDefinition = "text")
    public String text;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    @Mutability(Immutability.class)
    public List<String> footnotes = new ArrayList<>();
}
