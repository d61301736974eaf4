package io.earshot.bench.generate;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The vocabularies of generated posts: common English words first (so Zipf makes them frequent),
 * then a long tail of pronounceable made-up words, and short lists for the other languages.
 *
 * <p>No background word starts with a {@linkplain #BRAND_INITIALS brand initial} once folded, so
 * the only way a post can match a brand's rules is a brand term the generator planted; that is
 * what lets the generator know the expected counts exactly.
 */
final class Words {

    /** Brand names start with one of these letters, and nothing else does. */
    static final String BRAND_INITIALS = "zxq";

    private static final String ENGLISH_COMMON = """
            the i to a and is it you my of for in this that on be have not with so just but at are me was \
            can what get do all your like no if they we one now out about up how when there will order \
            today time would back new day good help customer support service please still phone app \
            account need any know been got make why has from really got thanks thank going again said \
            go see want its more people after year love great never tried their them our us did why \
            working work update issue problem wait waiting hours days week email call called told refund \
            late broken delivery delivered package shipping store online card payment charged twice \
            money cancel cancelled price free sale deal offer code discount website login password reset \
            error crash crashed screen battery charger cable device laptop tablet tv internet wifi slow \
            down outage network signal bill billing plan upgrade contract help desk agent chat reply \
            response answer hold line minutes hour morning night weekend monday friday tomorrow yesterday \
            best worst awesome terrible amazing bad happy sad angry disappointed frustrated fix fixed \
            replaced replacement return returned exchange warranty receipt tracking number address \
            arrived missing lost wrong item box damaged quality size color fit cheap expensive fast \
            flight seat bag baggage gate delayed airport ticket booking hotel room check train bus \
            coffee food drink meal menu restaurant table staff manager friendly rude nice clean dirty \
            job hiring career team family friend kids home house car city local game music show watch \
            video photo post share follow link news weather world sport football team win lost play \
            feel think thought hope wish sure maybe actually literally seriously finally always ever \
            first last next other another every each some many much few little big small long short \
            old young right left high low same different real true false open closed full empty""";

    private static final List<String> SPANISH = split("""
            el la de que y en un una es no por con para los las se lo mi me pero muy mas ya todo \
            pedido ayuda servicio cliente gracias hola nunca llego tarde roto reembolso cuenta tienda \
            problema hoy mañana semana días horas esperando llamada correo telefono aplicacion precio \
            envío paquete devolución atención malo bueno excelente pésimo otra vez nadie responde""");
    private static final List<String> PORTUGUESE = split("""
            o a de que e em um uma não para com os as se do da meu minha mas muito já tudo pedido \
            ajuda serviço cliente obrigado olá nunca chegou atrasado quebrado reembolso conta loja \
            problema hoje amanhã semana dias horas esperando ligação telefone aplicativo preço entrega \
            pacote devolução atendimento ruim bom ótimo péssimo de novo ninguém responde""");
    private static final List<String> FRENCH = split("""
            le la de que et en un une est pas pour avec les se ce mon ma mais très déjà tout commande \
            aide service client merci bonjour jamais arrivé retard cassé remboursement compte magasin \
            problème aujourd hui demain semaine jours heures attente appel téléphone application prix \
            livraison colis retour mauvais bon excellent nul encore personne répond""");
    private static final List<String> GERMAN = split("""
            der die das und ist nicht ich mein meine mit für auf ein eine es aber sehr schon alles \
            bestellung hilfe service kunde danke hallo nie angekommen spät kaputt erstattung konto \
            laden problem heute morgen woche tage stunden warte anruf telefon app preis lieferung \
            paket rückgabe schlecht gut super furchtbar wieder niemand antwortet""");

    private static final String[] ONSETS = { "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k",
            "l", "m", "n", "p", "pl", "pr", "r", "s", "sh", "sl", "st", "t", "th", "tr", "v", "w" };
    private static final String[] VOWELS = { "a", "e", "i", "o", "u", "ai", "ea", "ee", "oo", "ou" };
    private static final String[] CODAS = { "", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng" };
    private static final String[] BRAND_SYLLABLES = { "en", "tri", "or", "vex", "al", "ora", "ix", "on", "ar", "ly",
            "ta", "no", "ki", "mo", "ra", "lu", "pe", "so", "di", "va", "ne", "ro", "ti", "ka" };

    private Words() {
    }

    /** Common English words then {@code tail} made-up words, all free of brand initials. */
    static List<String> english(int tail, SplittableRandom random) {
        Set<String> words = new LinkedHashSet<>(withoutBrandInitials(split(ENGLISH_COMMON)));
        int target = words.size() + tail;
        while (words.size() < target) {
            StringBuilder word = new StringBuilder();
            int syllables = 1 + random.nextInt(3);
            for (int i = 0; i < syllables; i++) {
                word.append(pick(ONSETS, random)).append(pick(VOWELS, random)).append(pick(CODAS, random));
            }
            if (word.length() >= 3 && !hasBrandInitial(word.toString())) {
                words.add(word.toString());
            }
        }
        return List.copyOf(words);
    }

    /** The word list of a non-English language tag. */
    static List<String> of(String lang) {
        return withoutBrandInitials(switch (lang) {
            case "es" -> SPANISH;
            case "pt" -> PORTUGUESE;
            case "fr" -> FRENCH;
            case "de" -> GERMAN;
            default -> throw new IllegalArgumentException("no word list for " + lang);
        });
    }

    /** A made-up brand name of 7 or 8 letters starting with a brand initial. */
    static String brandName(SplittableRandom random) {
        StringBuilder name = new StringBuilder().append(BRAND_INITIALS.charAt(random.nextInt(BRAND_INITIALS.length())));
        while (name.length() < 7) {
            name.append(pick(BRAND_SYLLABLES, random));
        }
        return name.length() > 8 ? name.substring(0, 8) : name.toString();
    }

    /** A made-up user handle: a word, sometimes an underscore and digits. */
    static String handle(SplittableRandom random) {
        StringBuilder handle = new StringBuilder();
        do {
            handle.setLength(0);
            handle.append(pick(ONSETS, random)).append(pick(VOWELS, random)).append(pick(CODAS, random))
                    .append(pick(ONSETS, random)).append(pick(VOWELS, random));
        } while (hasBrandInitial(handle.toString()));
        if (random.nextBoolean()) {
            handle.append('_');
        }
        return handle.append(random.nextInt(10_000)).toString();
    }

    /** Lower case without accents: what the search analyser makes of a word. */
    static String fold(String word) {
        if (word.chars().allMatch(c -> c < 128)) {
            return word.toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(word.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}", "");
    }

    static boolean hasBrandInitial(String word) {
        String folded = fold(word);
        return !folded.isEmpty() && BRAND_INITIALS.indexOf(folded.charAt(0)) >= 0;
    }

    private static List<String> withoutBrandInitials(List<String> words) {
        List<String> kept = new ArrayList<>();
        for (String word : words) {
            if (!hasBrandInitial(word)) {
                kept.add(word);
            }
        }
        return kept;
    }

    private static List<String> split(String words) {
        return List.of(words.strip().split("\\s+"));
    }

    private static String pick(String[] options, SplittableRandom random) {
        return options[random.nextInt(options.length)];
    }
}
