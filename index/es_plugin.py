"""A tiny Elasticsearch plugin, compiled locally, that fills gaps of the integ-test distribution.

The only Elasticsearch 9 server on Maven Central is the `integ-test-zip` distribution. It ships
the server and four modules (transport-netty4, x-pack-core, x-pack-security, apm) and lacks the
`analysis-common` and `rest-root` modules. Without them there is no `dutch` analyzer, no
`stemmer`/`snowball`/`asciifolding` token filter, no `html_strip` char filter, and `GET /`
(the client's `info()`/`ping()`) answers 405.

This plugin registers exactly those, under the names Elasticsearch itself uses, built on the
Lucene classes the distribution already carries (lucene-analysis-common is in its lib/), so
mappings written for a full Elasticsearch work unchanged:

- analyzer `dutch` (Lucene DutchAnalyzer; `stopwords`, `stem_exclusion` honoured),
- token filters `stemmer` and `snowball` (`language`: dutch, english, german, french),
- token filter `asciifolding` (`preserve_original`),
- char filter `html_strip` (`escaped_tags`),
- `GET /` and `HEAD /` with the usual node info.

It is compiled with the JDK's javac against the unpacked distribution (a few seconds, once per
install) and placed in its plugins/ folder.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

PLUGIN_NAME = "vonnis-analysis-nl"
# Bump when JAVA_SOURCE changes: the install folder name carries it, so a new build is made.
PLUGIN_VERSION = "1"

JAVA_SOURCE = r"""
package nl.vonnis.es;

import java.io.Reader;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.Build;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;

/** Parts of analysis-common and rest-root that vonnis needs, under their usual names. */
public class DutchAnalysisPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("dutch", DutchProvider::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "stemmer", StemmerFactory::new,
            "snowball", StemmerFactory::new,
            "asciifolding", FoldingFactory::new);
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("html_strip", HtmlStripFactory::new);
    }

    @Override
    public Collection<RestHandler> getRestHandlers(
            RestHandlersServices services,
            Supplier<DiscoveryNodes> nodes,
            Predicate<NodeFeature> features) {
        return List.of(new RootHandler(services.settings()));
    }

    static final class DutchProvider extends AbstractIndexAnalyzerProvider<DutchAnalyzer> {
        private final DutchAnalyzer analyzer;

        DutchProvider(IndexSettings idx, Environment env, String name, Settings settings) {
            super(name);
            analyzer = new DutchAnalyzer(
                Analysis.parseStopWords(env, settings, DutchAnalyzer.getDefaultStopSet()),
                Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET));
        }

        @Override
        public DutchAnalyzer get() {
            return analyzer;
        }
    }

    static final class StemmerFactory extends AbstractTokenFilterFactory {
        private final String language;

        StemmerFactory(IndexSettings idx, Environment env, String name, Settings settings) {
            super(name);
            language = settings.get("language", settings.get("name", "english")).toLowerCase();
            stemmer();
        }

        private SnowballStemmer stemmer() {
            return switch (language) {
                case "dutch" -> new DutchStemmer();
                case "english" -> new EnglishStemmer();
                case "german" -> new GermanStemmer();
                case "french" -> new FrenchStemmer();
                default -> throw new IllegalArgumentException("stemmer language [" + language
                    + "] is not available here (vonnis-analysis-nl): "
                    + "use dutch, english, german or french");
            };
        }

        @Override
        public TokenStream create(TokenStream in) {
            return new SnowballFilter(in, stemmer());
        }
    }

    static final class FoldingFactory extends AbstractTokenFilterFactory {
        private final boolean preserveOriginal;

        FoldingFactory(IndexSettings idx, Environment env, String name, Settings settings) {
            super(name);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream in) {
            return new ASCIIFoldingFilter(in, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream in) {
            return new ASCIIFoldingFilter(in, false);
        }
    }

    static final class HtmlStripFactory extends AbstractCharFilterFactory {
        private final Set<String> escapedTags;

        HtmlStripFactory(IndexSettings idx, Environment env, String name, Settings settings) {
            super(name);
            escapedTags = Set.copyOf(settings.getAsList("escaped_tags"));
        }

        @Override
        public Reader create(Reader in) {
            return new HTMLStripCharFilter(in, escapedTags);
        }
    }

    static final class RootHandler extends BaseRestHandler {
        private final String body;

        RootHandler(Settings settings) {
            Build build = Build.current();
            body = "{\"name\":" + quote(settings.get("node.name", ""))
                + ",\"cluster_name\":" + quote(settings.get("cluster.name", "elasticsearch"))
                + ",\"cluster_uuid\":\"_na_\""
                + ",\"version\":{\"number\":" + quote(build.qualifiedVersion())
                + ",\"build_flavor\":" + quote(build.flavor())
                + ",\"build_type\":" + quote(build.type().displayName())
                + ",\"build_hash\":" + quote(build.hash())
                + ",\"build_date\":" + quote(build.date())
                + ",\"build_snapshot\":" + build.isSnapshot()
                + ",\"lucene_version\":" + quote(org.apache.lucene.util.Version.LATEST.toString())
                + ",\"minimum_wire_compatibility_version\":" + quote(build.minWireCompatVersion())
                + ",\"minimum_index_compatibility_version\":" + quote(build.minIndexCompatVersion())
                + "},\"tagline\":\"You Know, for Search\"}";
        }

        private static String quote(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        @Override
        public String getName() {
            return "vonnis_root_action";
        }

        @Override
        public List<Route> routes() {
            return List.of(
                new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
            return channel -> channel.sendResponse(
                new RestResponse(RestStatus.OK, "application/json", body));
        }
    }
}
"""


def _descriptor(es_version: str) -> str:
    return (
        "description=Dutch analysis and GET / for the integ-test distribution (vonnis)\n"
        f"version={PLUGIN_VERSION}\n"
        f"name={PLUGIN_NAME}\n"
        "classname=nl.vonnis.es.DutchAnalysisPlugin\n"
        "java.version=21\n"
        f"elasticsearch.version={es_version}\n"
    )


def build_plugin(es_home: Path, es_version: str, java_home: Path) -> Path:
    """Compile the plugin against `es_home/lib` and install it into `es_home/plugins`.

    Returns the plugin folder. Raises RuntimeError when javac is missing or fails.
    """
    javac = java_home / "bin" / "javac"
    if not javac.exists():
        raise RuntimeError(
            f"{javac} not found: a JDK (not only a JRE) is needed once, to build the "
            f"{PLUGIN_NAME} plugin. Point ES_JAVA_HOME at a JDK 21 or newer."
        )
    target = es_home / "plugins" / PLUGIN_NAME
    with tempfile.TemporaryDirectory(prefix="vonnis-es-plugin-") as tmp:
        src = Path(tmp) / "src" / "nl" / "vonnis" / "es" / "DutchAnalysisPlugin.java"
        src.parent.mkdir(parents=True)
        src.write_text(JAVA_SOURCE, encoding="utf-8")
        classes = Path(tmp) / "classes"
        proc = subprocess.run(
            [str(javac), "--release", "21", "-nowarn", "-cp", str(es_home / "lib" / "*"),
             "-d", str(classes), str(src)],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"building {PLUGIN_NAME} failed:\n{proc.stdout}{proc.stderr}")
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        with zipfile.ZipFile(target / f"{PLUGIN_NAME}.jar", "w", zipfile.ZIP_DEFLATED) as jar:
            jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n")
            for path in sorted(classes.rglob("*.class")):
                jar.write(path, path.relative_to(classes).as_posix())
    (target / "plugin-descriptor.properties").write_text(_descriptor(es_version), encoding="utf-8")
    for path in [target, *target.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target
