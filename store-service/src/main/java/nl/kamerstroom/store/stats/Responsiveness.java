package nl.kamerstroom.store.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.kamerstroom.store.zaak.AnswerTerm;
import nl.kamerstroom.store.zaak.AnswerTerm.Standing;
import nl.kamerstroom.store.zaak.AnswerTerm.Term;

/**
 * How fast each group (ministry, minister, party) answers, as things stood on a given day: a pure
 * function over the zaken's facts, so a figure "as of 1 October" is what was known then.
 *
 * <p>Definitions (also in the README): the population is every zaak submitted in [from, to] and on
 * or before asOf. <i>answered</i> had its first answer by asOf; <i>open</i> had neither answer nor
 * withdrawal; <i>overdue</i> is open past its deadline. Reply days are counted for answered zaken
 * with a known submission date. The shares count answered zaken with a known submission date:
 * <i>within term</i> answered within three weeks, whether postponed or not; <i>within extended
 * term</i> is, of those answered after a postponement, the share answered within six weeks;
 * <i>postponed</i> is the share of zaken (withdrawn ones excepted) with a postponement notice.
 * A zaak counts in every group it belongs to (questions to two ministries count for both).
 */
public final class Responsiveness {

    /** One zaak: the groups it belongs to and the facts of its answer term. */
    public record ZaakFacts(String number, Collection<String> groups, AnswerTerm.Facts facts) {
    }

    /**
     * One group's figures.
     *
     * @param group   the ministry, the party, or for {@code by=minister} the person's name (the office
     *                where no letter names the person)
     * @param offices for {@code by=minister}: the offices the person held in the zaken counted; else {@code null}
     */
    public record Group(String group, long answered, long open, long overdue, Double medianReplyDays,
            Double p90ReplyDays, Double shareAnsweredWithinTerm, Double shareAnsweredWithinExtendedTerm,
            Double sharePostponed, List<String> offices) {

        public Group(String group, long answered, long open, long overdue, Double medianReplyDays, Double p90ReplyDays,
                Double shareAnsweredWithinTerm, Double shareAnsweredWithinExtendedTerm, Double sharePostponed) {
            this(group, answered, open, overdue, medianReplyDays, p90ReplyDays, shareAnsweredWithinTerm,
                    shareAnsweredWithinExtendedTerm, sharePostponed, null);
        }
    }

    /** Largest groups first (answered + open), then by name: the order the endpoint answers in. */
    static final Comparator<Group> ORDER = Comparator.comparingLong((Group g) -> -(g.answered() + g.open()))
            .thenComparing(Group::group);

    private Responsiveness() {
    }

    public static List<Group> compute(Collection<ZaakFacts> zaken, LocalDate from, LocalDate to, LocalDate asOf) {
        Map<String, Tally> tallies = new TreeMap<>();
        for (ZaakFacts zaak : zaken) {
            LocalDate submitted = zaak.facts().submitted();
            if (submitted != null && (submitted.isAfter(asOf) || (from != null && submitted.isBefore(from))
                    || (to != null && submitted.isAfter(to)))) {
                continue;
            }
            if (submitted == null && (from != null || to != null)) {
                continue; // cannot say whether it falls in the period
            }
            Term term = AnswerTerm.evaluate(zaak.facts(), asOf);
            for (String group : zaak.groups()) {
                tallies.computeIfAbsent(group, g -> new Tally()).add(term, submitted);
            }
        }
        List<Group> groups = new ArrayList<>();
        tallies.forEach((name, t) -> groups.add(t.toGroup(name)));
        groups.sort(ORDER);
        return groups;
    }

    /**
     * The p-th percentile (0..100) by linear interpolation between closest ranks, as PostgreSQL's
     * percentile_cont, to a tenth of a day.
     */
    static Double percentile(List<Integer> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        double rank = p / 100.0 * (sorted.size() - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return tenth(sorted.get(low) + (rank - low) * (sorted.get(high) - sorted.get(low)));
    }

    /** A reply-day figure to a tenth of a day, as the endpoint shows it. */
    static Double tenth(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }

    /** A share to three decimals; {@code null} when there is nothing to share. */
    static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static final class Tally {
        long answered;
        long open;
        long overdue;
        final List<Integer> replyDays = new ArrayList<>();
        long answeredWithTerm;
        long withinTerm;
        long answeredAfterPostponement;
        long withinExtendedTerm;
        long notWithdrawnWithTerm;
        long postponed;

        void add(Term term, LocalDate submitted) {
            boolean isAnswered = term.answered() != null && term.standing() != Standing.WITHDRAWN;
            if (isAnswered) {
                answered++;
            } else if (term.standing() != Standing.WITHDRAWN) {
                open++;
                if (term.standing() == Standing.OVERDUE) {
                    overdue++;
                }
            }
            if (submitted == null || term.standing() == Standing.WITHDRAWN) {
                return;
            }
            notWithdrawnWithTerm++;
            if (term.postponed()) {
                postponed++;
            }
            if (isAnswered) {
                replyDays.add(term.replyDays());
                answeredWithTerm++;
                if (term.replyDays() <= AnswerTerm.TERM_DAYS) {
                    withinTerm++;
                }
                if (term.postponed()) {
                    answeredAfterPostponement++;
                    if (term.replyDays() <= AnswerTerm.EXTENDED_TERM_DAYS) {
                        withinExtendedTerm++;
                    }
                }
            }
        }

        Group toGroup(String name) {
            List<Integer> sorted = replyDays.stream().sorted().toList();
            return new Group(name, answered, open, overdue, percentile(sorted, 50), percentile(sorted, 90),
                    share(withinTerm, answeredWithTerm), share(withinExtendedTerm, answeredAfterPostponement),
                    share(postponed, notWithdrawnWithTerm));
        }
    }
}
