//! Who said each quotation, on plain strings: every cue pattern, pronouns, paragraphs with no
//! cue, headlines and captions, partial quotes inside reported speech.

mod common;

use common::{pair, quotes_and_speakers, run, said};
use quotelens::engine::{analyze, Block, BlockKind, MentionKind, Rule};

#[test]
fn name_then_verb_after_the_quote() {
    assert_eq!(
        said("“We will win,” Kirby said."),
        [pair("We will win,", "Kirby")]
    );
    assert_eq!(
        said("\"We will win,\" Jane Smith, the party's chairwoman, said on Monday."),
        [pair("We will win,", "Jane Smith")]
    );
}

#[test]
fn verb_then_name_after_the_quote() {
    assert_eq!(
        said("“People think it’s all safe,” said Patrick McHugh, vice president of engineering at the utility."),
        [pair("People think it’s all safe,", "Patrick McHugh")]
    );
    assert_eq!(
        said("“It is a mess,” says Parata, an elder of the tribe."),
        [pair("It is a mess,", "Parata")]
    );
}

#[test]
fn cue_before_the_quote() {
    assert_eq!(
        said("Kerry said: “Let us wait and see.”"),
        [pair("Let us wait and see.", "Kerry")]
    );
    assert_eq!(
        said("State Department spokesman Jen Psaki wrote in a tweet: “Open to talks, not military cooperation.”"),
        [pair("Open to talks, not military cooperation.", "Jen Psaki")]
    );
    let text = "Kerry said: “Let us wait.”";
    let quote = &run(text).quotes[0];
    assert_eq!(quote.rule, Rule::CueBefore);
    let mention = quote
        .mention
        .as_ref()
        .expect("the cue's subject is the evidence");
    assert_eq!(
        (mention.text.as_str(), mention.kind),
        ("Kerry", MentionKind::Name)
    );
    let cue = quote.cue_span.expect("the cue is located");
    assert_eq!(&text[cue.start..cue.end], "said");
}

#[test]
fn the_evidence_spans_count_utf16_units_for_the_page() {
    let text = "“Ça suffit,” said José Núñez, the café’s owner.";
    let quote = &run(text).quotes[0];
    let mention = quote.mention.as_ref().expect("a named speaker");
    assert_eq!(&text[mention.span.start..mention.span.end], "José Núñez");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16_lossy(&utf16[mention.span.start_utf16..mention.span.end_utf16]),
        "José Núñez"
    );
    let cue = quote.cue_span.expect("the cue is located");
    assert_eq!(
        String::from_utf16_lossy(&utf16[cue.start_utf16..cue.end_utf16]),
        "said"
    );
}

#[test]
fn according_to_and_in_someones_words() {
    assert_eq!(
        said(
            "“Sickness and bad weather” are to blame, according to the Department of Conservation."
        ),
        [pair(
            "Sickness and bad weather",
            "Department of Conservation"
        )]
    );
    assert_eq!(
        said("In Dr. Shadlen's words, “Could the moment be tied to awareness?”"),
        [pair("Could the moment be tied to awareness?", "Shadlen")]
    );
}

#[test]
fn told_reporters_wrote_in_a_statement_and_interviews() {
    assert_eq!(
        said("“Nothing has changed,” Rear Admiral John Kirby told reporters."),
        [pair("Nothing has changed,", "John Kirby")]
    );
    let analysis = run("“We advise the public not to take any tablets,” the Food Standards Agency said in a statement.");
    assert_eq!(
        analysis.quotes[0].speaker.as_deref(),
        Some("Food Standards Agency")
    );
    assert_eq!(
        analysis.quotes[0].cue.as_deref(),
        Some("said in a statement")
    );
    assert_eq!(
        said("In an interview with CNN, Mr Kerry said “we are open to talks.”"),
        [pair("we are open to talks.", "Kerry")]
    );
    // Never named: the speaker is the description, as annotators name such sources.
    assert_eq!(
        said("“We will see,” the minister told CNN."),
        [pair("We will see,", "the minister")]
    );
}

#[test]
fn pronouns_resolve_to_the_right_earlier_person() {
    let text = "Senator Mary Jones met Mr. Tom Brown on Monday.\n\n“It was useful,” he said.\n\n“I disagree,” she said.";
    assert_eq!(
        said(text),
        [
            pair("It was useful,", "Tom Brown"),
            pair("I disagree,", "Mary Jones")
        ]
    );
    let analysis = run("Rear Admiral John Kirby spoke first. “There are no plans,” he added.");
    let quote = &analysis.quotes[0];
    assert_eq!(quote.rule, Rule::CueAfter);
    let mention = quote.mention.as_ref().expect("the pronoun is the evidence");
    assert_eq!(
        (mention.text.as_str(), mention.kind),
        ("he", MentionKind::Pronoun)
    );
    // An organisation speaks as "it".
    assert_eq!(
        said("The Food Standards Agency warned people.\n\n“Do not buy them,” it said."),
        [pair("Do not buy them,", "Food Standards Agency")]
    );
    // "I", "we", "you" are nobody in the article.
    assert_eq!(
        said("“I’m Batman,” you will say."),
        [("I’m Batman,".to_string(), None)]
    );
}

#[test]
fn paragraphs_with_no_cue_continue_the_previous_speaker() {
    let text = "“It’s very much something to worry about,” said Eugene Steuerle, a fellow at the Urban Institute. “Everything is squeezed.”\n\n\
                “Let’s see what they do,” Mr Kerry said.\n\n\
                “I think we are open to any constructive process.” The advance of extremists has alarmed leaders.";
    let analysis = run(text);
    let found: Vec<(&str, Option<&str>, Rule)> = analysis
        .quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_deref(), q.rule))
        .collect();
    assert_eq!(
        found,
        [
            (
                "It’s very much something to worry about,",
                Some("Eugene Steuerle"),
                Rule::CueAfter
            ),
            (
                "Everything is squeezed.",
                Some("Eugene Steuerle"),
                Rule::PreviousQuote
            ),
            ("Let’s see what they do,", Some("Kerry"), Rule::CueAfter),
            (
                "I think we are open to any constructive process.",
                Some("Kerry"),
                Rule::Focus
            ),
        ]
    );
}

#[test]
fn partial_quotes_in_reported_speech_belong_to_the_sentence_speaker() {
    let text = "Kirby said the United States has encouraged Iran to “play a constructive role” and respect Iraq's “territorial sovereignty.”";
    assert_eq!(
        said(text),
        [
            pair("play a constructive role", "Kirby"),
            pair("territorial sovereignty.", "Kirby")
        ]
    );
    assert_eq!(
        said("Mr Obama said it was “distressing” not to have made progress."),
        [pair("distressing", "Obama")]
    );
}

#[test]
fn headline_and_caption_quotes() {
    let blocks = vec![
        Block {
            id: 0,
            kind: BlockKind::Headline,
            text: "Obama admits US gun laws are his 'biggest frustration'".into(),
        },
        Block {
            id: 1,
            kind: BlockKind::Caption,
            text: "Media caption Barack Obama: \"Britain has always been our best partner\"".into(),
        },
    ];
    let analysis = analyze(&blocks, "en");
    let found = quotes_and_speakers(&analysis);
    assert_eq!(
        found,
        [
            ("biggest frustration", Some("Barack Obama")),
            (
                "Britain has always been our best partner",
                Some("Barack Obama")
            )
        ]
    );
}

#[test]
fn passive_cues_name_their_agent() {
    assert_eq!(
        said(
            "The strandings have been described as “heartbreaking” by the conservation department."
        ),
        [pair("heartbreaking", "conservation department")]
    );
}

#[test]
fn participle_labels_and_relative_clauses() {
    assert_eq!(
        said("Called a “violent rhythm game” by its creators, “Thumper” is hard."),
        [
            pair("violent rhythm game", "its creators"),
            ("Thumper".to_string(), None)
        ]
    );
    assert_eq!(
        said("The comments came with a warning about the Likud party, which tried to rally support by saying that voters were “coming out in droves.”"),
        [pair("coming out in droves.", "Likud party")]
    );
}

#[test]
fn described_sources_are_actors_named_as_the_article_describes_them() {
    let analysis = run("“The talks are over,” a senior administration official said.\n\n“There is nothing left to discuss,” the official added.");
    assert_eq!(
        quotes_and_speakers(&analysis),
        [
            (
                "The talks are over,",
                Some("a senior administration official")
            ),
            (
                "There is nothing left to discuss,",
                Some("a senior administration official")
            )
        ]
    );
    assert_eq!(analysis.actors.len(), 1);
    // A description in apposition to a named person is that person.
    assert_eq!(
        said("Senator Ann Lee, a Texas Republican who opposed the bill, spoke first.\n\n“It is a risk,” she said."),
        [pair("It is a risk,", "Ann Lee")]
    );
    // A labelling verb with a described subject names no one.
    assert_eq!(
        said("The mother of a patient described how she was “feeling awful”.")[0].1,
        None
    );
}

#[test]
fn fragments_belong_to_the_subject_who_speaks_in_the_article() {
    let text = "“I never took lessons,” the singer Mary Oak said.\n\nAs a girl, Oak would “dance in the kitchen” every night.\n\nCritics found the film “too long”.";
    assert_eq!(
        said(text),
        [
            pair("I never took lessons,", "Mary Oak"),
            pair("dance in the kitchen", "Mary Oak"),
            // Critics have said nothing else: a fragment of theirs stays without a speaker.
            ("too long".to_string(), None),
        ]
    );
}

#[test]
fn a_role_of_an_organisation_is_a_person_described_not_the_organisation() {
    assert_eq!(
        said("“We want change,” a spokesman for the city council said."),
        [pair("We want change,", "a spokesman for the city council")]
    );
    assert_eq!(
        said("“We are not against the police,” said a member of the Tenants Union."),
        [pair(
            "We are not against the police,",
            "a member of the Tenants Union"
        )]
    );
}

#[test]
fn a_name_after_a_preposition_before_a_colon_is_addressed_not_speaking() {
    let text = "Nurse Ellen Ward worked all night.\n\nAt dawn she sent a message to Tom Reyes: “We have run out of beds.”";
    assert_eq!(said(text), [pair("We have run out of beds.", "Ellen Ward")]);
}

#[test]
fn an_organisations_possessive_and_a_compound_role_before_the_name() {
    assert_eq!(
        said("“We had ambitious goals,” says the agency’s former mission manager Karl Brandt."),
        [pair("We had ambitious goals,", "Karl Brandt")]
    );
    let analysis =
        run("“We had ambitious goals,” says Orbitex's former mission manager Karl Brandt.");
    assert_eq!(analysis.quotes[0].speaker.as_deref(), Some("Karl Brandt"));
    let actor = &analysis.actors[0];
    assert_eq!(
        (actor.role.as_deref(), actor.affiliation.as_deref()),
        (Some("former mission manager"), Some("Orbitex"))
    );
}

#[test]
fn a_description_then_the_name_it_describes_after_the_verb() {
    let analysis = run("“We will act,” said the head of the regional office, Ann Lee.");
    assert_eq!(analysis.quotes[0].speaker.as_deref(), Some("Ann Lee"));
    assert_eq!(
        analysis.actors[0].role.as_deref(),
        Some("head of the regional office")
    );
}

#[test]
fn a_first_name_tells_whom_he_or_she_stands_for() {
    // Nothing but "Anna" and "Peter" says who "she" is: the more recent Peter is not her.
    assert_eq!(
        said("“We will not back down,” Anna Berg said. Peter Krause stood at the lectern beside her. “It is the right plan,” she added."),
        [
            pair("We will not back down,", "Anna Berg"),
            pair("It is the right plan,", "Anna Berg")
        ]
    );
    // A name used for either sex tells nothing; hyphenated first names count by their first part.
    assert_eq!(
        common::said_in("« Nous tiendrons », a dit Claire Roux. Jean-Marc Petit l'écoutait. « C'est la loi », a-t-il ajouté.", "fr"),
        [
            pair("Nous tiendrons", "Claire Roux"),
            pair("C'est la loi", "Jean-Marc Petit")
        ]
    );
}

#[test]
fn a_pronoun_goes_to_a_recent_speaker_before_someone_named_in_passing() {
    // Both people are "he"; the one who spoke keeps the pronoun over the one only mentioned.
    assert_eq!(
        said("“Rates will stay low,” said Mark Hale, an economist. The board thanked Tom Reed for the figures. “Wages are flat,” he said."),
        [
            pair("Rates will stay low,", "Mark Hale"),
            pair("Wages are flat,", "Mark Hale")
        ]
    );
}

#[test]
fn a_pronoun_leans_to_the_person_the_text_has_just_turned_to() {
    // The sentence before opened with her: she, not the earlier speaker, is "she".
    assert_eq!(
        said("“The pills were sold online,” said Jane Cole, a police inspector. Fiona Parr issued a plea to parents. “They never stood a chance,” she said."),
        [
            pair("The pills were sold online,", "Jane Cole"),
            pair("They never stood a chance,", "Fiona Parr")
        ]
    );
    // Named earlier in the same sentence: "Alvarez, who … when he announced".
    let analysis = run("“Nobody mourned,” said Rudy Hale. Beside him stood Jonathan Alvarez, 18, who made headlines when he said he would sue the city over the arrest.");
    let reported: Vec<_> = analysis
        .reported
        .iter()
        .map(|r| r.speaker.as_deref())
        .collect();
    assert_eq!(reported, [Some("Jonathan Alvarez")]);
}

#[test]
fn a_relative_clause_between_commas_hangs_on_the_subject() {
    let analysis = run("A senior city official, who spoke on condition of anonymity because the talks were private, said the state could still block the plan.");
    let reported: Vec<_> = analysis
        .reported
        .iter()
        .map(|r| (r.speaker.as_deref(), r.text.as_str()))
        .collect();
    assert_eq!(
        reported,
        [(
            Some("A senior city official"),
            "the state could still block the plan"
        )]
    );
    let analysis = common::run_in("Un alto funcionario, que pidió no ser identificado, dijo a los periodistas que el Gobierno aprobará el plan.", "es");
    assert_eq!(
        analysis.reported[0].speaker.as_deref(),
        Some("Un alto funcionario")
    );
}

#[test]
fn names_listed_before_a_colon_speak_together() {
    assert_eq!(
        said("MARKETS IN RETREAT — Bloomberg’s Liz Moore, Tom Clinton Reyes and Ann Lee: “Buyers are pulling back.”"),
        [pair("Buyers are pulling back.", "Liz Moore, Tom Clinton Reyes and Ann Lee")]
    );
    assert_eq!(
        said("Tom Reyes and Ann Lee: “Buyers are pulling back.”"),
        [pair("Buyers are pulling back.", "Tom Reyes and Ann Lee")]
    );
}
