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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;

/** An answer's earlier text, kept when a changed version of its document replaced it. */
@Entity
@Table(name = "answer_version")
public class AnswerVersion extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "answer_version_seq")
    @SequenceGenerator(name = "answer_version_seq", sequenceName = "answer_version_seq", allocationSize = 50)
    public Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "letter_id")
    public Letter letter;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "question_numbers", nullable = false)
    @Mutability(Immutability.class)
    public List<String> questionNumbers = new ArrayList<>();

    @Column(nullable = false, columnDefinition = "text")
    public String text;

    /** The content hash of the document version this text came from. */
    @Column(nullable = false, columnDefinition = "bpchar(64)")
    public String sha256;

    @Column(name = "superseded_at", nullable = false)
    public Instant supersededAt;
}
