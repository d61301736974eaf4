package io.earshot.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

import io.earshot.post.Post;
import io.earshot.search.PostAnalyzer;
import io.earshot.search.PostDocuments;

/** The indexing limit: Earshot's own index documents straight into an {@link IndexWriter}, no database. */
final class RawLucene {

    private RawLucene() {
    }

    static Samples measure(BenchContext context, List<Post> posts, int runs) throws Exception {
        FacetsConfig facets = new FacetsConfig();
        PostDocuments.FACET_DIMENSIONS.forEach(dim -> facets.setMultiValued(dim, true));
        int threads = Runtime.getRuntime().availableProcessors();
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = context.workDir().resolve("lucene-raw");
            App.run(List.of("rm", "-rf", dir.toString()), null);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long started = System.nanoTime();
            try (FSDirectory directory = FSDirectory.open(dir);
                    IndexWriter writer = new IndexWriter(directory,
                            new IndexWriterConfig(PostAnalyzer.create()).setRAMBufferSizeMB(64))) {
                List<Future<?>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    parts.add(pool.submit(() -> {
                        for (int i = first; i < posts.size(); i += threads) {
                            writer.addDocument(facets.build(PostDocuments.indexed(i + 1L, i + 1L, "inbound",
                                    posts.get(i), List.of(1L))));
                        }
                        return null;
                    }));
                }
                for (Future<?> part : parts) {
                    part.get();
                }
                writer.commit();
            } finally {
                pool.shutdown();
            }
            rates.add(posts.size() / ((System.nanoTime() - started) / 1e9));
        }
        return new Samples(rates);
    }
}
