package nl.kamerstroom.store.people;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A member of the Tweede Kamer who asks questions, as printed: surname and party. */
@Entity
@Table(name = "member")
public class Member extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "member_seq")
    @SequenceGenerator(name = "member_seq", sequenceName = "member_seq", allocationSize = 50)
    public Long id;

    @Column(nullable = false)
    public String name;

    /** Empty when the letter does not print a party. */
    @Column(nullable = false)
    public String party;

    public static Member findOrCreate(String name, String party) {
        String p = party == null ? "" : party.trim();
        Member member = find("name = ?1 and party = ?2", name.trim(), p).firstResult();
        if (member == null) {
            member = new Member();
            member.name = name.trim();
            member.party = p;
            member.persist();
        }
        return member;
    }
}
