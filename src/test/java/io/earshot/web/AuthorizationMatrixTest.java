package io.earshot.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.earshot.account.Accounts;
import io.earshot.account.LoginPage;
import io.earshot.account.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Walks every JAX-RS resource method in {@code io.earshot}, found by reflection over the compiled
 * classes (so routes added later are covered without touching this test), and calls each as an
 * anonymous caller, an analyst, an agent and an admin, with dummy values for path parameters.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /** Routes anyone may call, signed in or not. */
    static final Set<String> PUBLIC = Set.of("GET /", "GET /login", "POST /logout");

    /**
     * State-changing routes analysts may call: they change nothing shared. A rule dry-run only reads
     * (a POST to carry the query); saved views are the analyst's own; presence says who is reading.
     */
    static final Set<String> ANALYST_MAY_CHANGE = Set.of("POST /api/rules/dry-run", "POST /rules/dry-run",
            "POST /inbox/views",
            "DELETE /inbox/views/{id}", "POST /conversations/{id}/presence");

    /** The roles each caller holds. */
    static final List<String> ROLES = List.of(Roles.ANALYST, Roles.AGENT, Roles.ADMIN);

    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String DUMMY_NUMBER = "987654321";
    private static final String DUMMY_TEXT = "matrix-dummy";
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([\\w.-]+)\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})*))?\\}");

    /** One resource method: an HTTP method and a path template, and what it declares. */
    record Route(String method, String template, Method handler, String[] rolesAllowed, boolean permitAll,
            boolean declared, boolean streams, String consumes) {

        String key() {
            return method + " " + template;
        }

        boolean api() {
            return template.startsWith("/api/");
        }

        boolean changing() {
            return CHANGING.contains(method);
        }

        boolean allows(String role) {
            return permitAll || rolesAllowed != null && Arrays.asList(rolesAllowed).contains(role);
        }

        /** The path with every parameter filled with a dummy value of its type. */
        String path() {
            Matcher m = TEMPLATE.matcher(template);
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(path, numeric(m.group(1), m.group(2)) ? DUMMY_NUMBER : DUMMY_TEXT);
            }
            return m.appendTail(path).toString();
        }

        private boolean numeric(String name, String regex) {
            if (regex != null && regex.contains("\\d")) {
                return true;
            }
            for (Parameter p : handler.getParameters()) {
                PathParam param = p.getAnnotation(PathParam.class);
                if (param != null && param.value().equals(name)) {
                    Class<?> type = p.getType();
                    return type == long.class || type == int.class || type == Long.class || type == Integer.class;
                }
            }
            return false;
        }
    }

    /** What the spec says a role must be refused, whatever the route's annotations say. */
    static boolean specForbids(String role, Route route) {
        if (Roles.ADMIN.equals(role)) {
            return false;
        }
        if (adminOnly(route)) {
            return true;
        }
        return Roles.ANALYST.equals(role) && route.changing() && !ANALYST_MAY_CHANGE.contains(route.key())
                && !PUBLIC.contains(route.key());
    }

    /** Users, rules and canned replies written, posts and imports, dead letters and the index. */
    static boolean adminOnly(Route route) {
        String t = route.template();
        boolean changing = route.changing();
        return t.startsWith("/api/users") || t.startsWith("/admin/") || t.startsWith("/api/admin/")
                || t.startsWith("/api/dead-letters") || t.equals("/api/posts") || t.startsWith("/api/import")
                || changing && !ANALYST_MAY_CHANGE.contains(route.key())
                        && (t.startsWith("/api/rules") || t.startsWith("/rules") || t.startsWith("/api/canned-replies"));
    }

    private static List<Route> routes;
    private static final Map<String, String> USERS = new HashMap<>();
    private static Map<String, String> adminSession;

    @BeforeAll
    static void discoverRoutesAndUsers() throws Exception {
        routes = discover();
        for (String role : ROLES) {
            USERS.put(role, Accounts.user(role));
        }
    }

    /** Logs in once; not in {@code @BeforeAll}, where REST Assured does not know the test port yet. */
    @BeforeEach
    void logInOnce() {
        if (adminSession == null) {
            adminSession = Accounts.logIn(USERS.get(Roles.ADMIN));
        }
    }

    @Test
    void theWalkFindsTheKnownRoutes() {
        Set<String> keys = new TreeSet<>();
        routes.forEach(r -> keys.add(r.key()));
        for (String known : List.of("GET /login", "POST /api/users", "DELETE /api/users/{username}",
                "GET /admin/users", "POST /api/rules", "GET /api/conversations")) {
            assertTrue(keys.contains(known), known + " in " + keys);
        }
    }

    @Test
    void everyRouteDeclaresWhoMayCallIt() {
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            if (!route.declared()) {
                problems.add(route.key() + " (" + where(route) + ") declares no @RolesAllowed/@PermitAll");
            } else if (route.permitAll() && !PUBLIC.contains(route.key())) {
                problems.add(route.key() + " (" + where(route) + ") is @PermitAll but not a listed public route");
            }
        }
        assertNone(problems);
    }

    @Test
    void anonymousCallersGet401OnTheApiAndTheLogInPageOtherwise() {
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            Response response = call(given(), route);
            int status = response.statusCode();
            String location = response.header("Location");
            boolean toLogin = status == 302 && location != null && location.endsWith("/login");
            if (PUBLIC.contains(route.key())) {
                if (status == 401 || toLogin) {
                    problems.add(route.key() + " is public but answered " + status + " " + location);
                }
            } else if (route.api() ? status != 401 : !toLogin) {
                problems.add(route.key() + " answered an anonymous caller " + status + (location == null ? "" : " " + location));
            }
        }
        assertNone(problems);
    }

    @Test
    void eachRoleIsRefusedExactlyWhereTheSpecOrTheRouteSays() {
        List<String> problems = new ArrayList<>();
        for (String role : ROLES) {
            for (Route route : routes) {
                if (PUBLIC.contains(route.key())) {
                    continue;
                }
                boolean forbidden = specForbids(role, route) || !route.allows(role);
                if (!forbidden && route.streams()) {
                    continue; // an allowed event stream never ends; its refusals are still checked
                }
                int status = call(Accounts.basic(USERS.get(role)), route).statusCode();
                if (forbidden && status != 403) {
                    problems.add(role + " " + route.key() + " answered " + status + ", expected 403"
                            + (specForbids(role, route) && route.allows(role) ? " (the route's roles allow it)" : ""));
                } else if (!forbidden && (status == 401 || status == 403)) {
                    problems.add(role + " " + route.key() + " answered " + status + " though its roles allow it");
                }
            }
        }
        assertNone(problems);
    }

    @Test
    void noAllowedCallGetsAServerErrorForDummyInput() {
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            if (route.streams() || !route.allows(Roles.ADMIN) && !route.permitAll()) {
                continue;
            }
            int status = call(Accounts.basic(USERS.get(Roles.ADMIN)), route).statusCode();
            if (status >= 500) {
                problems.add(route.key() + " answered " + status + " to an admin with dummy input");
            }
        }
        assertNone(problems);
    }

    @Test
    void everyStateChangingRouteRefusesASessionRequestWithoutItsCsrfToken() {
        List<String> problems = new ArrayList<>();
        for (Route route : routes) {
            if (!route.changing()) {
                continue;
            }
            Response response = call(given().cookies(adminSession), route);
            if (response.statusCode() != 403 || !response.asString().contains("\"csrf\"")) {
                problems.add(route.key() + " answered " + response.statusCode() + " without a CSRF token");
            }
        }
        assertNone(problems);
    }

    private static Response call(RequestSpecification request, Route route) {
        RequestSpecification spec = request.redirects().follow(false);
        if (route.changing() && !"DELETE".equals(route.method())) {
            spec = route.consumes().contains("form") ? spec.contentType("application/x-www-form-urlencoded")
                    .formParam("matrix", DUMMY_TEXT) : spec.contentType("application/json").body("{}");
        }
        return spec.request(route.method(), route.path());
    }

    private static void assertNone(List<String> problems) {
        assertTrue(problems.isEmpty(), problems.size() + " route(s):\n  " + String.join("\n  ", problems));
    }

    private static String where(Route route) {
        return route.handler().getDeclaringClass().getSimpleName() + "." + route.handler().getName();
    }

    // Discovery -----------------------------------------------------------------------------------

    static List<Route> discover() throws IOException, URISyntaxException, ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL anchor = LoginPage.class.getResource("LoginPage.class");
        Path root = Path.of(anchor.toURI()).getParent().getParent().getParent().getParent();
        List<String> classNames;
        try (Stream<Path> files = Files.walk(root.resolve("io/earshot"))) {
            classNames = files.map(root::relativize).map(Path::toString).filter(n -> n.endsWith(".class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
        Map<String, Route> found = new LinkedHashMap<>();
        for (String name : classNames) {
            Class<?> type = Class.forName(name, false, loader);
            jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (classPath == null || type.isInterface()) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                String template = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                AnnotatedElement declaring = roleDeclaring(method, type);
                RolesAllowed roles = declaring == null ? null : declaring.getAnnotation(RolesAllowed.class);
                boolean permitAll = declaring != null && declaring.isAnnotationPresent(PermitAll.class);
                boolean authenticated = declaring != null && declaring.isAnnotationPresent(Authenticated.class);
                Route route = new Route(http, template, method,
                        roles != null ? roles.value() : authenticated ? ROLES.toArray(String[]::new) : null,
                        permitAll, declaring != null, streams(method, type), consumes(method, type));
                found.putIfAbsent(route.key(), route);
            }
        }
        return found.values().stream().sorted(Comparator.comparing(Route::template).thenComparing(Route::method))
                .toList();
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** The method if it declares roles itself, else its class if that does, else null. */
    private static AnnotatedElement roleDeclaring(Method method, Class<?> type) {
        for (AnnotatedElement element : new AnnotatedElement[] { method, type }) {
            if (element.isAnnotationPresent(RolesAllowed.class) || element.isAnnotationPresent(PermitAll.class)
                    || element.isAnnotationPresent(DenyAll.class) || element.isAnnotationPresent(Authenticated.class)) {
                return element;
            }
        }
        return null;
    }

    private static boolean streams(Method method, Class<?> type) {
        Produces produces = method.isAnnotationPresent(Produces.class) ? method.getAnnotation(Produces.class)
                : type.getAnnotation(Produces.class);
        return produces != null && Arrays.stream(produces.value()).anyMatch(p -> p.contains(MediaType.SERVER_SENT_EVENTS))
                || method.getReturnType().getName().equals("io.smallrye.mutiny.Multi");
    }

    private static String consumes(Method method, Class<?> type) {
        Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                : type.getAnnotation(Consumes.class);
        if (consumes != null) {
            return String.join(",", consumes.value());
        }
        boolean form = Arrays.stream(method.getParameters()).anyMatch(p -> p.isAnnotationPresent(jakarta.ws.rs.FormParam.class)
                || p.isAnnotationPresent(org.jboss.resteasy.reactive.RestForm.class));
        return form ? MediaType.APPLICATION_FORM_URLENCODED : MediaType.APPLICATION_JSON;
    }

    private static String join(String classPath, String methodPath) {
        String path = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
