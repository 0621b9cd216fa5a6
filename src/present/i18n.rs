//! Every word the view shows, in the five interface languages: one table, keyed by message and
//! language. The extension's own strings (toolbar title, menus, options page) are in
//! `extension/_locales`, where the browsers' i18n API reads them.

/// The interface languages, which are also the languages the engine analyses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Language {
    #[default]
    English,
    French,
    German,
    Spanish,
    Portuguese,
}

impl Language {
    /// In the order of each message's translations in the table.
    pub const ALL: [Language; 5] = [
        Language::English,
        Language::French,
        Language::German,
        Language::Spanish,
        Language::Portuguese,
    ];

    /// The language of a BCP 47 tag ("fr", "pt-BR", "de_AT"); `None` for the others.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The two-letter code, as pages declare it and the engine reads it.
    pub fn code(self) -> &'static str {
        ["en", "fr", "de", "es", "pt"][self as usize]
    }

    /// Its own name, as a reader of it looks for it in a list.
    pub fn own_name(self) -> &'static str {
        ["English", "Français", "Deutsch", "Español", "Português"][self as usize]
    }

    /// Message `message` in this language; `{0}`, `{1}`… stand for what [`Language::fill`] puts in.
    pub fn text(self, message: Message) -> &'static str {
        message.translations()[self as usize]
    }

    /// Message `message` with `{0}`, `{1}`… replaced by `args`.
    pub fn fill(self, message: Message, args: &[&str]) -> String {
        fill(self.text(message), None, args)
    }

    /// A message with a count: its singular and plural forms are separated by `|`, `{n}` stands
    /// for `n` and `{0}`… for `args`.
    pub fn count(self, message: Message, n: usize, args: &[&str]) -> String {
        let (one, many) = self.text(message).split_once('|').unwrap_or_default();
        // French counts zero as singular ("0 citation"); the others only one.
        let singular = match self {
            Language::French => n <= 1,
            _ => n == 1,
        };
        fill(if singular { one } else { many }, Some(n), args)
    }
}

/// The template with its placeholders replaced in one pass, so that page text put in (a quote
/// holding "{1}") is never read as one.
fn fill(template: &str, n: Option<usize>, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').unwrap_or(after.len());
        match (&after[..close], n) {
            ("n", Some(n)) => out.push_str(&n.to_string()),
            (name, _) => match name.parse::<usize>().ok().and_then(|k| args.get(k)) {
                Some(arg) => out.push_str(arg),
                None => out.push_str(&rest[open..(open + 2 + close).min(rest.len())]),
            },
        }
        rest = &after[(close + 1).min(after.len())..];
    }
    out.push_str(rest);
    out
}

/// Declares the messages and their translations once: the enum, the list of all of them, and
/// the table, so that a message cannot lack a language.
macro_rules! messages {
    ($($(#[$doc:meta])* $id:ident => [$en:expr, $fr:expr, $de:expr, $es:expr, $pt:expr $(,)?],)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Message {
            $($(#[$doc])* $id,)*
        }

        impl Message {
            pub const ALL: &'static [Message] = &[$(Message::$id,)*];

            /// English, French, German, Spanish, Portuguese: the order of [`Language::ALL`].
            fn translations(self) -> &'static [&'static str; 5] {
                // A table in the data, not a match building arrays in code: smaller WebAssembly.
                const TABLE: &[[&str; 5]] = &[$([$en, $fr, $de, $es, $pt],)*];
                &TABLE[self as usize]
            }
        }
    };
}

messages! {
    // The panel.
    PanelTitle => ["QuoteLens: who said what", "QuoteLens : qui a dit quoi", "QuoteLens: Wer sagte was", "QuoteLens: quién dijo qué", "QuoteLens: quem disse o quê"],
    FoldPanel => ["Fold the QuoteLens panel", "Replier le panneau QuoteLens", "QuoteLens-Leiste einklappen", "Plegar el panel de QuoteLens", "Recolher o painel do QuoteLens"],
    UnfoldPanel => ["Unfold the QuoteLens panel", "Déplier le panneau QuoteLens", "QuoteLens-Leiste ausklappen", "Desplegar el panel de QuoteLens", "Expandir o painel do QuoteLens"],
    FoldHint => ["Fold the panel (highlights stay)", "Replier le panneau (les surlignages restent)", "Leiste einklappen (Markierungen bleiben)", "Plegar el panel (los resaltados se quedan)", "Recolher o painel (os destaques ficam)"],
    Close => ["Close QuoteLens", "Fermer QuoteLens", "QuoteLens schließen", "Cerrar QuoteLens", "Fechar QuoteLens"],
    ReadingArticle => ["Reading the article…", "Lecture de l’article…", "Artikel wird gelesen…", "Leyendo el artículo…", "Lendo o artigo…"],
    /// {0}: how much of the article is read, in percent.
    ReadingProgress => ["Reading… {0}%", "Lecture… {0} %", "Lese… {0} %", "Leyendo… {0} %", "Lendo… {0}%"],
    KeysHint => [
        "Keys: N and P go to the next and previous quote, C copies it, Enter goes from a quote to its entry and back, Esc closes.",
        "Touches : N et P vont à la citation suivante ou précédente, C la copie, Entrée va d’une citation à sa ligne et revient, Échap ferme.",
        "Tasten: N und P springen zum nächsten und vorigen Zitat, C kopiert es, Enter wechselt zwischen Zitat und Eintrag, Esc schließt.",
        "Teclas: N y P van a la cita siguiente y a la anterior, C la copia, Intro va de una cita a su entrada y vuelve, Esc cierra.",
        "Teclas: N e P vão para a citação seguinte e a anterior, C copia-a, Enter vai da citação à sua entrada e volta, Esc fecha.",
    ],
    ExportJson => ["Export JSON", "Exporter en JSON", "Als JSON exportieren", "Exportar JSON", "Exportar JSON"],
    ExportMarkdown => ["Export Markdown", "Exporter en Markdown", "Als Markdown exportieren", "Exportar Markdown", "Exportar Markdown"],
    ActorsLabel => ["Actors, most quoted first", "Acteurs, les plus cités d’abord", "Akteure, meistzitierte zuerst", "Actores, los más citados primero", "Atores, os mais citados primeiro"],
    FilterHint => ["Show only this speaker's quotes", "N’afficher que les citations de cette personne", "Nur die Zitate dieser Person zeigen", "Mostrar solo las citas de esta persona", "Mostrar só as citações desta pessoa"],
    /// {0}: how many positions the actor has.
    ShowAll => ["Show all {0}", "Tout afficher ({0})", "Alle {0} zeigen", "Mostrar las {0}", "Mostrar todas ({0})"],
    Copy => ["Copy", "Copier", "Kopieren", "Copiar", "Copiar"],
    CopyHint => [
        "Copy the quote with who said it and where (C on a quote)",
        "Copier la citation avec son auteur et sa source (C sur une citation)",
        "Zitat mit Sprecher und Quelle kopieren (C auf einem Zitat)",
        "Copiar la cita con quién la dijo y dónde (C sobre una cita)",
        "Copiar a citação com quem a disse e onde (C numa citação)",
    ],
    /// {0}: what was copied.
    Copied => ["Copied: {0}", "Copié : {0}", "Kopiert: {0}", "Copiado: {0}", "Copiado: {0}"],
    CopyRefused => [
        "The browser refused to copy to the clipboard.",
        "Le navigateur a refusé de copier dans le presse-papiers.",
        "Der Browser hat das Kopieren in die Zwischenablage verweigert.",
        "El navegador no permitió copiar al portapapeles.",
        "O navegador recusou copiar para a área de transferência.",
    ],
    NoArticle => ["No article found on this page.", "Aucun article trouvé sur cette page.", "Kein Artikel auf dieser Seite gefunden.", "No se encontró ningún artículo en esta página.", "Nenhum artigo encontrado nesta página."],
    NoSelection => ["No text selected: select the passage first.", "Aucun texte sélectionné : sélectionnez d’abord le passage.", "Kein Text markiert: bitte zuerst den Abschnitt markieren.", "No hay texto seleccionado: seleccione primero el pasaje.", "Nenhum texto selecionado: selecione primeiro o trecho."],
    NoQuotes => ["No quotes found in this article.", "Aucune citation trouvée dans cet article.", "Keine Zitate in diesem Artikel gefunden.", "No se encontraron citas en este artículo.", "Nenhuma citação encontrada neste artigo."],
    /// Before the buttons choosing the language the text is analysed in.
    TextLanguage => ["Text in:", "Texte en :", "Text auf:", "Texto en:", "Texto em:"],
    /// On each of those buttons; {0}: the language's own name.
    AnalyseIn => ["Read the text again as {0}", "Relire le texte en {0}", "Text erneut als {0} lesen", "Volver a leer el texto en {0}", "Ler o texto de novo em {0}"],

    // The tooltip.
    CueLabel => ["Cue", "Introduit par", "Eingeleitet mit", "Introducida por", "Introduzida por"],
    AttributionLabel => ["Attribution", "Attribution", "Zuordnung", "Atribución", "Atribuição"],
    TooltipHint => ["C copies it with who said it and where.", "C la copie avec son auteur et sa source.", "C kopiert es mit Sprecher und Quelle.", "C la copia con quién la dijo y dónde.", "C copia-a com quem a disse e onde."],
    UnknownSpeaker => ["Unknown speaker", "Auteur inconnu", "Unbekannte Person", "Autor desconocido", "Autor desconhecido"],
    SpeakerNotFound => ["Speaker not found", "Auteur non trouvé", "Sprecher nicht gefunden", "Autor no encontrado", "Autor não encontrado"],
    NoSpeakerFound => ["no speaker found", "aucun auteur trouvé", "keine sprechende Person gefunden", "no se encontró autor", "nenhum autor encontrado"],
    /// {0}: the attribution's confidence in percent.
    VeryLikely => ["very likely ({0}%)", "très probable ({0} %)", "sehr wahrscheinlich ({0} %)", "muy probable ({0} %)", "muito provável ({0}%)"],
    Likely => ["likely ({0}%)", "probable ({0} %)", "wahrscheinlich ({0} %)", "probable ({0} %)", "provável ({0}%)"],
    Uncertain => ["uncertain ({0}%)", "incertain ({0} %)", "unsicher ({0} %)", "incierto ({0} %)", "incerto ({0}%)"],
    /// The spoken description of a highlight; {0}: the speaker.
    SaidBy => ["Said by {0}", "Dit par {0}", "Gesagt von {0}", "Dicho por {0}", "Dito por {0}"],
    For => ["for", "pour", "dafür", "a favor", "a favor"],
    Against => ["against", "contre", "dagegen", "en contra", "contra"],

    // Why a quote has its speaker (`why_line`).
    WhyNotSpeech => ["not someone's words: a title or a term in quotation marks", "pas les mots de quelqu’un : un titre ou un terme entre guillemets", "keine Äußerung: ein Titel oder ein Begriff in Anführungszeichen", "no son palabras de nadie: un título o un término entre comillas", "não são palavras de ninguém: um título ou um termo entre aspas"],
    WhyNamed => ["named in the same sentence", "nommé dans la même phrase", "im selben Satz genannt", "nombrado en la misma frase", "nomeado na mesma frase"],
    /// {0}: the pronoun, {1}: the speaker.
    WhyPronoun => ["‘{0}’ — {1}", "« {0} » — {1}", "„{0}“ — {1}", "«{0}» — {1}", "«{0}» — {1}"],
    /// {0}: the words describing the speaker.
    WhyDescribed => ["described, not named: ‘{0}’", "décrit, pas nommé : « {0} »", "beschrieben, nicht genannt: „{0}“", "descrito, no nombrado: «{0}»", "descrito, não nomeado: «{0}»"],
    /// {0}: the verb.
    WhyUnsaidInVerb => ["speaker left unsaid in the verb ‘{0}’", "sujet sous-entendu dans le verbe « {0} »", "Sprecher steckt im Verb „{0}“", "sujeto implícito en el verbo «{0}»", "sujeito implícito no verbo «{0}»"],
    WhyUnsaidInSentence => ["speaker left unsaid in the sentence", "sujet sous-entendu dans la phrase", "Sprecher im Satz nicht genannt", "sujeto implícito en la frase", "sujeito implícito na frase"],
    WhyReportedClause => ["in the reported speech around it", "dans le discours rapporté qui l’entoure", "in der indirekten Rede darum herum", "en el discurso referido que la rodea", "no discurso relatado à sua volta"],
    WhyListIntroduction => ["introduced before the list", "annoncé avant la liste", "vor der Liste eingeführt", "presentado antes de la lista", "apresentado antes da lista"],
    /// {0}: the speaker.
    WhySentenceSubject => ["the sentence is about {0}", "la phrase parle de {0}", "der Satz handelt von {0}", "la frase trata de {0}", "a frase fala de {0}"],
    WhyReportedMood => ["reported speech (subjunctive) — the person the passage is about", "discours rapporté (subjonctif) — la personne dont parle le passage", "indirekte Rede (Konjunktiv) — die Person, um die es im Abschnitt geht", "discurso referido (subjuntivo) — la persona de la que trata el pasaje", "discurso relatado (conjuntivo) — a pessoa de quem fala a passagem"],
    /// {0}: the speaker.
    WhyNested => ["quoted within {0}'s words", "cité dans les propos de {0}", "in den Worten von {0} zitiert", "citado en las palabras de {0}", "citado nas palavras de {0}"],
    WhyPreviousQuote => ["continues the quote before it", "prolonge la citation précédente", "setzt das vorige Zitat fort", "continúa la cita anterior", "continua a citação anterior"],
    WhyContinuedQuote => ["continues the previous paragraph", "prolonge le paragraphe précédent", "setzt den vorigen Absatz fort", "continúa el párrafo anterior", "continua o parágrafo anterior"],
    /// {0}: the speaker.
    WhyFocus => ["no cue: the last person who spoke or was named ({0})", "sans indice : la dernière personne qui a parlé ou a été nommée ({0})", "ohne Hinweis: die zuletzt sprechende oder genannte Person ({0})", "sin indicio: la última persona que habló o fue nombrada ({0})", "sem indício: a última pessoa que falou ou foi nomeada ({0})"],

    // Counts: singular|plural, {n} the count.
    Quotes => ["{n} quote|{n} quotes", "{n} citation|{n} citations", "{n} Zitat|{n} Zitate", "{n} cita|{n} citas", "{n} citação|{n} citações"],
    ReportedStatements => ["{n} reported statement|{n} reported statements", "{n} propos rapporté|{n} propos rapportés", "{n} indirekte Äußerung|{n} indirekte Äußerungen", "{n} declaración referida|{n} declaraciones referidas", "{n} declaração relatada|{n} declarações relatadas"],
    Speakers => ["{n} speaker|{n} speakers", "{n} personne|{n} personnes", "{n} Person|{n} Personen", "{n} persona|{n} personas", "{n} pessoa|{n} pessoas"],
    /// {0} and {1}: two counts.
    And => ["{0} and {1}", "{0} et {1}", "{0} und {1}", "{0} y {1}", "{0} e {1}"],
    /// {0}: quotes, {1}: speakers, {2}: reported statements.
    QuotesFromSpeakers => ["{0} from {1}, {2}", "{0} de {1}, {2}", "{0} von {1}, {2}", "{0} de {1}, {2}", "{0} de {1}, {2}"],
    /// The summary once drawn; {0}: what was found.
    FoundInParagraphs => ["{0} in {n} paragraph.|{0} in {n} paragraphs.", "{0} dans {n} paragraphe.|{0} dans {n} paragraphes.", "{0} in {n} Absatz.|{0} in {n} Absätzen.", "{0} en {n} párrafo.|{0} en {n} párrafos.", "{0} em {n} parágrafo.|{0} em {n} parágrafos."],
    ReadParagraphs => ["Read {n} paragraph.|Read {n} paragraphs.", "{n} paragraphe lu.|{n} paragraphes lus.", "{n} Absatz gelesen.|{n} Absätze gelesen.", "{n} párrafo leído.|{n} párrafos leídos.", "{n} parágrafo lido.|{n} parágrafos lidos."],

    // The Markdown export.
    /// {0}: the page's title.
    ExportHeading => ["Who said what: {0}", "Qui a dit quoi : {0}", "Wer sagte was: {0}", "Quién dijo qué: {0}", "Quem disse o quê: {0}"],
    /// {0}: the page's title or link.
    ExportSource => ["Source: {0}", "Source : {0}", "Quelle: {0}", "Fuente: {0}", "Fonte: {0}"],
    UntitledPage => ["Untitled page", "Page sans titre", "Seite ohne Titel", "Página sin título", "Página sem título"],
    /// {0}: the counts.
    FoundByQuoteLens => ["{0}, found by QuoteLens.", "{0}, trouvés par QuoteLens.", "{0}, gefunden von QuoteLens.", "{0}, encontrados por QuoteLens.", "{0}, encontrados pelo QuoteLens."],
    Reported => ["Reported", "Rapporté", "Indirekt", "Referido", "Relatado"],
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{0}`, `{1}`… and `{n}` in a text, in order.
    fn placeholders(text: &str) -> Vec<String> {
        let mut found: Vec<String> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
            .collect();
        found.sort();
        found.dedup();
        found
    }

    #[test]
    fn every_message_has_every_language_with_the_same_placeholders() {
        for &message in Message::ALL {
            let english = Language::English.text(message);
            for language in Language::ALL {
                let text = language.text(message);
                assert!(!text.trim().is_empty(), "{message:?} in {language:?}");
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{message:?} in {language:?}"
                );
                assert_eq!(
                    text.matches('|').count(),
                    english.matches('|').count(),
                    "{message:?} in {language:?}: singular|plural"
                );
            }
        }
    }

    #[test]
    fn tags_name_their_language() {
        assert_eq!(Language::from_tag("fr"), Some(Language::French));
        assert_eq!(Language::from_tag("pt-BR"), Some(Language::Portuguese));
        assert_eq!(Language::from_tag("de_AT"), Some(Language::German));
        assert_eq!(Language::from_tag("ES"), Some(Language::Spanish));
        assert_eq!(Language::from_tag("en-US"), Some(Language::English));
        assert_eq!(Language::from_tag("it"), None);
        assert_eq!(Language::from_tag(""), None);
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.code()), Some(language));
        }
    }

    #[test]
    fn counts_take_the_singular_or_the_plural() {
        let quotes = |language: Language, n| language.count(Message::Quotes, n, &[]);
        assert_eq!(quotes(Language::English, 1), "1 quote");
        assert_eq!(quotes(Language::English, 0), "0 quotes");
        assert_eq!(quotes(Language::French, 0), "0 citation");
        assert_eq!(quotes(Language::French, 2), "2 citations");
        assert_eq!(quotes(Language::German, 3), "3 Zitate");
        assert_eq!(
            Language::Portuguese.count(Message::FoundInParagraphs, 1, &["2 citações"]),
            "2 citações em 1 parágrafo."
        );
    }

    #[test]
    fn placeholders_are_filled_in() {
        assert_eq!(
            Language::Spanish.fill(Message::WhyPronoun, &["ella", "Ana Ruiz"]),
            "«ella» — Ana Ruiz"
        );
        assert_eq!(
            Language::French.fill(Message::Copied, &["“Oui {1}” — A"]),
            "Copié : “Oui {1}” — A"
        );
    }
}
