//! French, Spanish, Portuguese and German: their quote styles and common speech verbs.

mod common;

use common::{pair, said_in as said};

#[test]
fn french_guillemets_and_a_declare() {
    assert_eq!(
        said("« Nous ne céderons pas », a déclaré M. Dupont.", "fr"),
        [pair("Nous ne céderons pas", "Dupont")]
    );
    assert_eq!(
        said(
            "Le ministre Jean Martin a affirmé : « La réforme est nécessaire. »",
            "fr"
        ),
        [pair("La réforme est nécessaire.", "Jean Martin")]
    );
    assert_eq!(
        said("« C'est une erreur », selon Marie Curie.", "fr"),
        [pair("C'est une erreur", "Marie Curie")]
    );
    let text = "Le ministre Jean Martin est arrivé lundi.\n\n« Nous avancerons », dit-il. « Sans attendre », a-t-il ajouté.";
    assert_eq!(
        said(text, "fr"),
        [
            pair("Nous avancerons", "Jean Martin"),
            pair("Sans attendre", "Jean Martin")
        ]
    );
}

#[test]
fn spanish_dijo() {
    assert_eq!(
        said("\"No vamos a ceder\", dijo el ministro Pérez.", "es"),
        [pair("No vamos a ceder", "Pérez")]
    );
    assert_eq!(
        said(
            "«Es un buen acuerdo», afirmó la presidenta Ana López.",
            "es"
        ),
        [pair("Es un buen acuerdo", "Ana López")]
    );
}

#[test]
fn portuguese_disse() {
    assert_eq!(
        said("“Vamos vencer”, disse o presidente Lula.", "pt"),
        [pair("Vamos vencer", "Lula")]
    );
    assert_eq!(
        said("Segundo o ministro João Silva, “o país vai crescer”.", "pt"),
        [pair("o país vai crescer", "João Silva")]
    );
}

#[test]
fn german_low_high_marks_and_sagte() {
    assert_eq!(
        said(
            "„Wir schaffen das“, sagte Bundeskanzlerin Angela Merkel.",
            "de"
        ),
        [pair("Wir schaffen das", "Angela Merkel")]
    );
    assert_eq!(
        said("»Das ist falsch«, sagte Herr Schmidt.", "de"),
        [pair("Das ist falsch", "Schmidt")]
    );
    let text = "Minister Klaus Weber kam am Montag.\n\n„Es geht voran“, sagte er.";
    assert_eq!(said(text, "de"), [pair("Es geht voran", "Klaus Weber")]);
}

#[test]
fn unknown_languages_fall_back_to_english() {
    assert_eq!(
        said("“We will see,” Kirby said.", "xx"),
        [pair("We will see,", "Kirby")]
    );
    assert_eq!(
        said("“We will see,” Kirby said.", "en-GB"),
        [pair("We will see,", "Kirby")]
    );
}

#[test]
fn null_subject_verbs_speak_for_the_one_the_text_is_about() {
    // Spanish and Portuguese leave the subject out: "lamentó" alone is "she regretted".
    let text = "La alcaldesa Marta Ruiz visitó el barrio el martes.\n\n\"No hay agua desde hace una semana\", lamentó. Agregó que la obra \"no tiene fecha\".";
    assert_eq!(
        said(text, "es"),
        [
            pair("No hay agua desde hace una semana", "Marta Ruiz"),
            pair("no tiene fecha", "Marta Ruiz")
        ]
    );
    let text = "O ministro Paulo Souza chegou cedo.\n\n“Vamos resolver isso”, afirmou.";
    assert_eq!(
        said(text, "pt"),
        [pair("Vamos resolver isso", "Paulo Souza")]
    );
    // An impersonal verb ("se informó") speaks for no one.
    let text = "La alcaldesa Marta Ruiz visitó el barrio.\n\nSe informó que \"el servicio vuelve mañana\".";
    assert_eq!(
        said(text, "es")[0].1,
        None,
        "an impersonal verb has no speaker"
    );
}

#[test]
fn a_long_appositive_before_the_verb_keeps_its_subject() {
    assert_eq!(
        said(
            "Ana Gómez, vecina del barrio e integrante de la red (RVB), dijo que la plaza está \"abandonada\".",
            "es"
        ),
        [pair("abandonada", "Ana Gómez")]
    );
}

#[test]
fn a_name_after_a_preposition_is_not_the_speaker_of_an_appositive() {
    assert_eq!(
        said(
            "El intendente de Villa Norte, José Pérez, señaló: \"Tenemos un plan\".",
            "es"
        ),
        [pair("Tenemos un plan", "José Pérez")]
    );
}

#[test]
fn sentence_opening_function_words_are_never_names() {
    let said = said(
        "Además, \"la ley es clara\", afirmó el juez Pablo Ortiz.\n\n\"No cambiaremos nada\", dijo.",
        "es",
    );
    assert_eq!(said[0], pair("la ley es clara", "Pablo Ortiz"));
    assert_eq!(said[1], pair("No cambiaremos nada", "Pablo Ortiz"));
}

#[test]
fn german_konjunktiv_reports_the_one_the_text_is_about() {
    let text = "„Wir brauchen mehr Züge“, sagte die Ministerin Anna Weber.\n\nDas sei „ein guter Anfang“, aber nicht genug.";
    assert_eq!(
        said(text, "de"),
        [
            pair("Wir brauchen mehr Züge", "Anna Weber"),
            pair("ein guter Anfang", "Anna Weber")
        ]
    );
    assert_eq!(
        said("„Das stimmt nicht“, so der Sprecher Max Roth.", "de"),
        [pair("Das stimmt nicht", "Max Roth")]
    );
}

#[test]
fn a_person_introduced_by_role_at_the_sentence_start_is_the_one_the_text_is_about() {
    let text = "La estudiante María Acosta llegó al país en 2018.\n\n«No podemos volver», afirma.";
    assert_eq!(
        said(text, "es"),
        [pair("No podemos volver", "María Acosta")]
    );
}

#[test]
fn french_role_phrases_before_a_name_and_described_sources() {
    assert_eq!(
        said(
            "Le porte-parole du gouvernement, Louis Petit, a assuré que « rien n'est décidé ».",
            "fr"
        ),
        [pair("rien n'est décidé", "Louis Petit")]
    );
    assert_eq!(
        said("« On verra », glisse un conseiller du président.", "fr"),
        [pair("On verra", "un conseiller du président")]
    );
}

#[test]
fn spanish_adjectives_after_a_role_and_groups_of_an_organisation() {
    assert_eq!(
        said(
            "Para la diputada opositora Ana Ruiz, se trata de “un error histórico”.",
            "es"
        ),
        [pair("un error histórico", "Ana Ruiz")]
    );
    assert_eq!(
        said("“Vamos a insistir”, dijeron fuentes del Ministerio.", "es"),
        [pair("Vamos a insistir", "fuentes del Ministerio")]
    );
}

#[test]
fn german_colon_after_a_verb_and_a_fragment_of_a_named_person() {
    let text = "Der Politiker Max Keller bestreitet das: „Es gab keine Absprache.“\n\nDie Linguistin Anna Roth hält das für „übertrieben“.";
    assert_eq!(
        said(text, "de"),
        [
            pair("Es gab keine Absprache.", "Max Keller"),
            pair("übertrieben", "Anna Roth")
        ]
    );
}

#[test]
fn french_elided_articles_are_words_of_their_own() {
    assert_eq!(
        said(
            "Selon l'Agence, « la réforme sera menée à son terme ».",
            "fr"
        ),
        [pair("la réforme sera menée à son terme", "Agence")]
    );
    // Asked by an agency, the minister answers: the agency does not speak.
    assert_eq!(
        said(
            "Interrogé par l'agence, le ministre a répondu : « Il n'y a pas d'autre choix. »",
            "fr"
        ),
        [pair("Il n'y a pas d'autre choix.", "le ministre")]
    );
}

#[test]
fn french_d_apres_with_either_apostrophe() {
    assert_eq!(
        said("D'après le ministre Paul Roy, « tout va bien ».", "fr"),
        [pair("tout va bien", "Paul Roy")]
    );
    assert_eq!(
        said("D’après Marie Lenoir, « rien ne va ».", "fr"),
        [pair("rien ne va", "Marie Lenoir")]
    );
}

#[test]
fn a_viewpoint_phrase_gives_the_words_to_its_possessor() {
    let cases = [
        (
            "en",
            "Nurse Ellen Ward spoke to the council.\n\nIn her view, the new rota is “a recipe for exhaustion”.",
            "Ellen Ward",
        ),
        (
            "es",
            "Laura Pérez dijo que el pueblo está preocupado.\n\nA su juicio, las fumigaciones son “un riesgo para todos”.",
            "Laura Pérez",
        ),
        (
            "fr",
            "Claire Martin a déclaré que la ville attendait.\n\nÀ son avis, la réforme reste « un pari risqué ».",
            "Claire Martin",
        ),
        (
            "de",
            "Eva Roth sagte, die Stadt warte ab.\n\nIhrer Ansicht nach ist die Reform „ein riskantes Spiel“.",
            "Eva Roth",
        ),
        (
            "pt",
            "Ana Souza disse que a cidade espera.\n\nNa sua opinião, a reforma é “uma aposta arriscada”.",
            "Ana Souza",
        ),
    ];
    for (language, text, speaker) in cases {
        let said = said(text, language);
        assert_eq!(said.len(), 1, "{language}: {said:?}");
        assert_eq!(said[0].1.as_deref(), Some(speaker), "{language}: {said:?}");
    }
}

#[test]
fn spanish_description_then_name_after_an_inverted_verb() {
    assert_eq!(
        said(
            "“Se abrirá una investigación”, afirmó el titular de la dirección regional, Luis Paredes.",
            "es"
        ),
        [pair("Se abrirá una investigación", "Luis Paredes")]
    );
}

#[test]
fn french_multiword_roles_name_and_describe_the_speaker() {
    let text = "« Nous avancerons », a affirmé le juge en chef Paul Girard.\n\nLe juge en chef avait déclaré que « rien ne change ».";
    assert_eq!(
        said(text, "fr"),
        [
            pair("Nous avancerons", "Paul Girard"),
            pair("rien ne change", "Paul Girard")
        ]
    );
}

#[test]
fn an_aside_between_an_inverted_verb_and_its_speaker() {
    assert_eq!(
        said(
            "« C'est une provocation », estime de son côté Sophie Binet.",
            "fr"
        ),
        [pair("C'est une provocation", "Sophie Binet")]
    );
    assert_eq!(
        said(
            "« Il faut agir », a déclaré, pour sa part, le ministre Paul Roux.",
            "fr"
        ),
        [pair("Il faut agir", "Paul Roux")]
    );
    assert_eq!(
        said(
            "«Es un error», afirmó por su parte el ministro Juan Pérez.",
            "es"
        ),
        [pair("Es un error", "Juan Pérez")]
    );
    assert_eq!(
        said(
            "„Das ist falsch“, sagte dagegen Ministerin Anna Berg.",
            "de"
        ),
        [pair("Das ist falsch", "Anna Berg")]
    );
    assert_eq!(
        said(
            "“It will fail,” said, for his part, the minister, Tom Hale.",
            "en"
        ),
        [pair("It will fail,", "Tom Hale")]
    );
}

#[test]
fn a_pronoun_after_according_to_is_the_one_it_stands_for() {
    assert_eq!(
        said("Paul Roux, conseiller de l'Élysée, reste prudent. Selon lui, « rien n'est encore décidé ».", "fr"),
        [pair("rien n'est encore décidé", "Paul Roux")]
    );
    assert_eq!(
        said(
            "Tom Hale spoke on Monday. According to him, “nothing is decided yet.”",
            "en"
        ),
        [pair("nothing is decided yet.", "Tom Hale")]
    );
    assert_eq!(
        said(
            "Juan Pérez habló el lunes. Según él, «nada está decidido».",
            "es"
        ),
        [pair("nada está decidido", "Juan Pérez")]
    );
    assert_eq!(
        said(
            "João Silva falou na segunda. Segundo ele, «nada está decidido».",
            "pt"
        ),
        [pair("nada está decidido", "João Silva")]
    );
}

#[test]
fn german_subjunctive_right_after_a_speaker_reports_their_words() {
    let analysis = common::run_in(
        "„Die Reform ist gerecht“, betont Ministerin Anna Berg. Man habe einen fairen Kompromiss gefunden. Die Kosten seien tragbar.\n\nDie Opposition sei enttäuscht, das wisse ich.",
        "de",
    );
    let reported: Vec<_> = analysis
        .reported
        .iter()
        .map(|r| (r.speaker.as_deref(), r.text.as_str()))
        .collect();
    assert_eq!(
        reported,
        [
            (
                Some("Anna Berg"),
                "Man habe einen fairen Kompromiss gefunden"
            ),
            (Some("Anna Berg"), "Die Kosten seien tragbar")
        ],
        "a run of such sentences goes on; a first-person sentence is not one"
    );
}

#[test]
fn a_word_before_a_first_name_is_not_part_of_the_name() {
    assert_eq!(
        said("„Ich habe Angst“, sagt Rentnerin Renate Schulz.", "de"),
        [pair("Ich habe Angst", "Renate Schulz")]
    );
    assert_eq!(
        said("“It was chaos,” said Reporter Jane Smith.", "en"),
        [pair("It was chaos,", "Jane Smith")]
    );
    // Two given names stay together.
    assert_eq!(
        said("«Es justo», dijo María José García.", "es"),
        [pair("Es justo", "María José García")]
    );
}
