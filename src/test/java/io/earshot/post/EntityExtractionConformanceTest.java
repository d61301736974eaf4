package io.earshot.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs twitter-text's own conformance cases through {@link EntityExtractor}, so "extracted the way
 * Twitter does it" is a checked claim rather than a hope. The YAML is read at test time, as the
 * suite's README asks, so an updated suite is picked up without touching this class.
 */
class EntityExtractionConformanceTest {

    private static final Path EXTRACT_YML =
            Path.of("..", "shared", "data", "twitter-text-conformance", "extract.yml");

    @TestFactory
    Stream<DynamicNode> mentionsAreExtractedAsTwitterTextDoes() throws IOException {
        return section("mentions", Entities::mentions);
    }

    @TestFactory
    Stream<DynamicNode> hashtagsAreExtractedAsTwitterTextDoes() throws IOException {
        return section("hashtags", Entities::hashtags);
    }

    @TestFactory
    Stream<DynamicNode> hashtagsFromTheAstralPlanesAreExtractedAsTwitterTextDoes() throws IOException {
        return section("hashtags_from_astral", Entities::hashtags);
    }

    @TestFactory
    Stream<DynamicNode> cashtagsAreExtractedAsTwitterTextDoes() throws IOException {
        return section("cashtags", Entities::cashtags);
    }

    @TestFactory
    Stream<DynamicNode> urlsAreExtractedAsTwitterTextDoes() throws IOException {
        return section("urls", Entities::urls);
    }

    @TestFactory
    Stream<DynamicNode> tcoUrlsKeepTheirQueryParameters() throws IOException {
        return section("tco_urls_with_params", Entities::urls);
    }

    private static Stream<DynamicNode> section(String name, Function<Entities, List<String>> field)
            throws IOException {
        assertTrue(Files.isRegularFile(EXTRACT_YML), "conformance suite not found at " + EXTRACT_YML.toAbsolutePath());
        JsonNode cases = new YAMLMapper().readTree(EXTRACT_YML.toFile()).path("tests").path(name);
        assertTrue(cases.isArray(), "extract.yml has no section " + name);
        assertFalse(cases.isEmpty(), "section " + name + " is empty");
        List<DynamicNode> tests = new ArrayList<>();
        for (JsonNode testCase : cases) {
            String text = testCase.path("text").asText();
            List<String> expected = strings(testCase.path("expected"));
            tests.add(DynamicTest.dynamicTest(testCase.path("description").asText(),
                    () -> assertEquals(expected, field.apply(EntityExtractor.extract(text)), "text: " + text)));
        }
        return Stream.of(DynamicContainer.dynamicContainer(name, tests));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
