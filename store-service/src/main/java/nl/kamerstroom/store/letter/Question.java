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

/** One question of a letter, under its printed number. */
@Entity
@Table(name = "question")
public class Question extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "question_seq")
    @SequenceGenerator(name = "question_seq", sequenceName = "question_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "letter_id")
    public Letter letter;

    /** 1-based order in the letter. */
    @Column(nullable = false)
    public int position;

    /** The printed number: "7", "2a". */
    @Column(nullable = false)
    public String number;

    @Column(nullable = false, columnDefinition = "text")
    public String text;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    @Mutability(Immutability.class)
    public List<String> footnotes = new ArrayList<>();

    /** The text of the answer covering this question in the same letter, searched together with it. */
    @Column(name = "answer_text", columnDefinition = "text")
    public String answerText;
}
