package nl.kamerstroom.parse;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import nl.kamerstroom.formats.XmlLimits;
import nl.kamerstroom.parse.parser.LetterParser;
import nl.kamerstroom.parse.read.LetterReader;
import nl.kamerstroom.parse.read.Limits;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one {@link LetterReader} of the service, held to the bounds in application.properties
 * ({@code ## Reader bounds}); the pipeline and {@code POST /api/parse} read with the same one.
 */
@ApplicationScoped
public class ConfiguredReader {

    @Produces
    @ApplicationScoped
    LetterReader letterReader(
            @ConfigProperty(name = "kamerstroom.parse.max-pages") int maxPages,
            @ConfigProperty(name = "kamerstroom.parse.max-inflated-bytes") long maxInflatedBytes,
            @ConfigProperty(name = "kamerstroom.parse.xml.max-bytes") long xmlMaxBytes,
            @ConfigProperty(name = "kamerstroom.parse.xml.max-tags") int xmlMaxTags,
            @ConfigProperty(name = "kamerstroom.parse.xml.max-depth") int xmlMaxDepth,
            @ConfigProperty(name = "kamerstroom.parse.xml.max-entity-expansions") int xmlMaxEntityExpansions,
            @ConfigProperty(name = "kamerstroom.parse.max-text-chars") int maxTextChars) {
        return new LetterReader(new LetterParser(), new Limits(maxPages, maxInflatedBytes,
                new XmlLimits(xmlMaxBytes, xmlMaxTags, xmlMaxDepth, xmlMaxEntityExpansions), maxTextChars));
    }
}
