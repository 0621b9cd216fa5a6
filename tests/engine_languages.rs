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
