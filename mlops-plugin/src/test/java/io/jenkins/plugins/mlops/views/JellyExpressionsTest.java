package io.jenkins.plugins.mlops.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.jexl.ExpressionFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Compiles every {@code ${...}} of every Jelly view as Jenkins does when it renders the page: with the JEXL 1.1
 * grammar (Jenkins ships a fork of commons-jexl 1.1 with the same parser). One expression that does not compile
 * makes Stapler fail the whole view, so the page is a 404: {@code ${it.size}} is such an expression, because
 * {@code size} (like {@code empty}, {@code not}, {@code eq}, {@code div} ...) is a JEXL keyword.
 */
class JellyExpressionsTest {

    @Test
    void everyExpressionOfEveryViewCompilesWithTheGrammarJenkinsUses() throws Exception {
        List<Path> views = views();
        assertThat(views).as("the plugin's Jelly views").isNotEmpty();
        List<String> failures = new ArrayList<>();
        int expressions = 0;
        for (Path view : views) {
            for (String expression : expressions(view)) {
                expressions++;
                try {
                    ExpressionFactory.createExpression(expression);
                } catch (Exception e) {
                    failures.add(classes().relativize(view) + ": ${" + expression + "}: " + e.getMessage());
                }
            }
        }
        assertThat(expressions).as("expressions found in " + views.size() + " views").isGreaterThan(20);
        assertThat(failures).as("expressions JEXL 1.1 cannot compile (use the getter call, e.g. it.getSize())")
                .isEmpty();
    }

    /** The check above is only as good as the grammar it uses: it must reject what broke the registration page. */
    @Test
    void theGrammarRejectsAKeywordUsedAsAPropertyAndAcceptsItsGetter() throws Exception {
        assertThatThrownBy(() -> ExpressionFactory.createExpression("it.size")).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> ExpressionFactory.createExpression("it.empty")).isInstanceOf(Exception.class);
        ExpressionFactory.createExpression("it.getSize()");
        ExpressionFactory.createExpression("it.fileCount");
        ExpressionFactory.createExpression("!it.passed and it.failedCount gt 0");
    }

    @Test
    void expressionsAreFoundInAttributesAndTextWithQuotedBraces() {
        assertThat(expressionsIn("a ${x.y} b ${h.format('}', z)} c")).containsExactly("x.y", "h.format('}', z)");
        assertThat(expressionsIn("no expression here, only $ and {}")).isEmpty();
    }

    private static List<String> expressions(Path view) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(view.toFile());
        List<String> out = new ArrayList<>();
        collect(doc.getDocumentElement(), out);
        return out;
    }

    /** The DOM has already undone XML escaping ({@code &amp;&amp;}), as Jelly's parser does before JEXL sees it. */
    private static void collect(Node node, List<String> out) {
        NamedNodeMap attributes = node.getAttributes();
        if (attributes != null) {
            for (int i = 0; i < attributes.getLength(); i++) {
                out.addAll(expressionsIn(attributes.item(i).getNodeValue()));
            }
        }
        if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            out.addAll(expressionsIn(node.getNodeValue()));
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collect(child, out);
        }
    }

    /** The bodies of {@code ${...}}, skipping braces inside quoted strings as Jelly's expression scanner does. */
    static List<String> expressionsIn(String text) {
        List<String> out = new ArrayList<>();
        int i = text.indexOf("${");
        while (i >= 0) {
            int start = i + 2;
            int j = start;
            char quote = 0;
            while (j < text.length()) {
                char c = text.charAt(j);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '}') {
                    break;
                }
                j++;
            }
            assertThat(j).as("unterminated ${ in: " + text).isLessThan(text.length());
            out.add(text.substring(start, j));
            i = text.indexOf("${", j + 1);
        }
        return out;
    }

    private static List<Path> views() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.walk(classes())) {
            return files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    /** Where the build put the plugin's resources ({@code target/classes}), found from its top-level index.jelly. */
    private static Path classes() throws URISyntaxException {
        return Path.of(JellyExpressionsTest.class.getResource("/index.jelly").toURI()).getParent();
    }
}
