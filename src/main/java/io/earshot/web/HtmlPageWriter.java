package io.earshot.web;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes a rendered page as UTF-8 bytes in one go. The default writer hands the page to Netty as a
 * String, which encodes it one character at a time; a page with any character beyond Latin-1 (an
 * emoji in a post, the "…" of a cut first line) is held as UTF-16, and on the 50 KB queue page that
 * loop took more CPU than the database queries (see docs/benchmarks.md, pages). The JDK's own
 * encoder does the same work several times faster.
 * <p>
 * Declared for {@code Object}: page methods return a {@code TemplateInstance}, which Quarkus renders
 * to a String only after the writers were chosen for the declared type at build time.
 */
@Provider
@Produces(MediaType.TEXT_HTML)
public class HtmlPageWriter implements ServerMessageBodyWriter<Object> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
            MediaType mediaType) {
        return String.class.equals(type) && isUtf8(mediaType);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return String.class.equals(type) && isUtf8(mediaType);
    }

    @Override
    public void writeResponse(Object page, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(((String) page).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void writeTo(Object page, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        entityStream.write(((String) page).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isUtf8(MediaType mediaType) {
        String charset = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        return charset == null || "utf-8".equalsIgnoreCase(charset);
    }
}
