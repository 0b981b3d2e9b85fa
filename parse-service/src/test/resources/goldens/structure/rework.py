#!/usr/bin/env python3
"""Reworks real corpus letters into the shapes the structure goldens test (issue 12).

Run from this folder: python3 rework.py. The inputs are the repository's copies of real
documents (../../letters/...); each output keeps the real text and changes only what the shape
needs: headings, the order of blocks, a notice in place of answers. The expected structure is
asserted in StructureGoldensTest, written by reading the outputs.
"""
import re

LETTERS = '../../letters/'
HEADING = re.compile(r'^\s*(Vraag|Antwoord(?: op vraag| op vragen)?) (\d+)\s*$')
GLUED = re.compile(r"^(.*Aanhangsel \d+\f)((?:Vraag|Antwoord) \d+)\s*$")


def read(path):
    return open(LETTERS + path, encoding='utf-8').read()


def blocks(text):
    """(header lines, [(kind, number, body lines)]) with a footer glued to a heading split off."""
    lines = []
    for line in text.split('\n'):
        m = GLUED.match(line)
        lines.extend([m.group(1), m.group(2)] if m else [line])
    header, out = [], []
    for line in lines:
        m = HEADING.match(line)
        if m:
            out.append(('Q' if m.group(1) == 'Vraag' else 'A', int(m.group(2)), []))
        elif out:
            out[-1][2].append(line)
        else:
            header.append(line)
    return header, out


def body(bs, kind, n):
    return next(b[2] for b in bs if b[0] == kind and b[1] == n)


def emit(path, header, parts):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(header) + '\n')
        for heading, lines in parts:
            f.write(heading + '\n' + '\n'.join(lines) + '\n')


# 1. Grouped headings with irregular punctuation (Aanhangsel 2023-2024 nr. 2110, 19 questions).
header, bs = blocks(read('corpus/ah-tk-20232024-2110.txt'))
q = lambda n: body(bs, 'Q', n)
a = lambda n: body(bs, 'A', n)
parts = [('Vraag 1', q(1)), ('Antwoord 1', a(1)),
         ('Vraag 2, 3, 4, 5', q(2) + q(3) + q(4) + q(5)),           # commas only, as KOOP XML writes
         ('Antwoord 2–5', a(2) + a(3) + a(4) + a(5)),               # en dash range
         ('Vraag 6', q(6)), ('Antwoord 6', a(6)),
         ('Vraag 7, 8, 9 10 en 11', q(7) + q(8) + q(9) + q(10) + q(11)),  # a comma missing
         ('Antwoord op vragen 7, 8, en 9', a(7) + a(8) + a(9)),     # a comma before "en"
         ('Antwoord op de vragen 10 — 11', a(10) + a(11)),          # em dash with spaces
         ('Vraag 12', q(12)), ('Antwoord 12', a(12)),
         ('Vraag 13,,14', q(13) + q(14)),                           # a separator doubled
         ('Antwoord 13 t/m 14', a(13) + a(14)),
         ('Vraag 15', q(15)), ('Antwoord 15', a(15)),
         ('Vraag 16 en 17 t/m', q(16) + q(17)),                     # a heading the grammar cannot read
         ('Antwoord 16 en 17', a(16) + a(17)),
         ('Vraag 18', q(18)), ('Antwoord 18', a(18)),
         ('Vraag 19', q(19)),
         ('Beantwoording van de vragen 19:', a(19))]                # "vragen" inside a sentence heading
emit('grouped-irregular-2110.txt', header, parts)

# 3. Answers out of question order, same letter: questions printed 1-5, 9, 10, 6, 7, 8, 11, 12 with
#    their answers, and question 3 answered at the very end together with 8.
order = [1, 2, 3, 4, 5, 9, 10, 6, 7, 8, 11, 12]
parts = []
for n in order:
    parts.append(('Vraag %d' % n, q(n)))
    if n not in (3, 8):
        parts.append(('Antwoord %d' % n, a(n)))
parts.append(('Antwoord op vraag 3 en 8', a(3) + a(8)))
emit('out-of-order-2110.txt', header, parts)

# 4. Notices that reprint questions 1-3 of the same letter. The header keeps the real "Vragen van
#    het lid ... (ingezonden ...)"; the "Antwoord van Minister ..." line becomes the notice's own
#    header, and the sentences are the ones such notices print.
questions_only = [p for n in (1, 2, 3) for p in [('Vraag %d' % n, q(n))]]
asker = 'De vragen van het lid Kostić (PvdD) aan de Minister van Landbouw, Natuur en Voedselkwaliteit ' \
        'over het onderzoek waaruit blijkt dat het Dolfinarium zich opnieuw niet aan de afspraken houdt ' \
        '(ingezonden 10 mei 2024)'
notice_header = [l for l in header if not l.startswith('Antwoord van') and not l.startswith('(ontvangen')]
minister = 'Mededeling van Minister Adema (Landbouw, Natuur en Voedselkwaliteit) (ontvangen 28 juni 2024)'


def notice(path, heading, sentence, before_questions=False):
    text = [heading, minister, asker + ' ' + sentence]
    if before_questions:
        emit(path, notice_header + text, questions_only)
    else:
        emit(path, notice_header, questions_only + [(text[0], text[1:])])


notice('notice-answered-elsewhere-2110.txt', 'Mededeling',
       'zijn beantwoord bij brief van 28 juni 2024 over het Dolfinarium (Kamerstuk 28 286, nr. 1345).')
notice('notice-answered-elsewhere-before-2110.txt', 'Mededeling',
       'zijn beantwoord bij brief van 28 juni 2024 over het Dolfinarium (Kamerstuk 28 286, nr. 1345). '
       'De vragen luidden:', before_questions=True)
notice('withdrawal-2110.txt', 'Mededeling',
       'worden, nu het lid Kostić geen deel meer uitmaakt van de Kamer, als ingetrokken beschouwd.')
notice('postponement-2110.txt', 'Mededeling (uitstel antwoord)',
       'kunnen niet binnen de gebruikelijke termijn worden beantwoord. Voor de beantwoording is '
       'afstemming nodig met de Nederlandse Voedsel- en Warenautoriteit. Ik streef ernaar de vragen '
       'zo spoedig mogelijk te beantwoorden.')

# 2. Answers without a heading: the ministry's Word letter of seed 000 (answer to Sneller), with the
#    "Antwoord op vraag 5" and "Antwoord op vraag 6" lines left out, as in Word originals that print
#    none: each question is followed directly by its answer's paragraphs.
seed = read('seeds/000_f6bf631fb9c80b1a.txt')
lines = seed.split('\n')
kept = [l for l in lines if l.strip() not in ('Antwoord op vraag 5', 'Antwoord op vraag 6')]
assert len(kept) == len(lines) - 2
open('unheaded-answers-000.txt', 'w', encoding='utf-8').write('\n'.join(kept))

# 5. A lost block: in seed 000 question 3 and its answer are printed again under the numbers of
#    question 2 (a misnumbering). The repeat cannot keep its numbers; its text must not vanish
#    without a word.
renumbered = seed.replace('\nVraag 3 \n', '\nVraag 2 \n').replace('\nAntwoord op vraag 3 \n', '\nAntwoord op vraag 2 \n')
assert renumbered != seed
open('misnumbered-000.txt', 'w', encoding='utf-8').write(renumbered)
