package nl.kamerstroom.parse.read;

import java.util.stream.Stream;

/** The Aanhangsel texts copied into the test resources ({@code /letters/corpus}). */
final class CorpusDocuments {

    private CorpusDocuments() {
    }

    static Stream<String> aanhangsels() {
        return nl.kamerstroom.parse.parser.CorpusSweepTest.aanhangsels();
    }
}
