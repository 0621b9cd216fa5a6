//! Actors on plain strings: name forms merging, role and affiliation split from the name,
//! organisations and governments speaking, indirect speech with stance, positions in order.

mod common;

use common::run;
use quotelens::engine::{blocks_from_text, ActorKind, Position, Side};

#[test]
fn title_and_name_forms_merge_into_one_actor() {
    let text = "Secretary of State John Kerry spoke in Paris.\n\n\
                “We will see,” Mr Kerry said.\n\n\
                “Nothing is ruled out,” Kerry said.";
    let analysis = run(text);
    assert_eq!(analysis.actors.len(), 1, "{:?}", analysis.actors);
    let kerry = &analysis.actors[0];
    assert_eq!(kerry.name, "John Kerry");
    assert_eq!(kerry.role.as_deref(), Some("Secretary of State"));
    for alias in ["Secretary of State John Kerry", "Mr Kerry", "Kerry"] {
        assert!(
            kerry.aliases.iter().any(|a| a == alias),
            "{alias} in {:?}",
            kerry.aliases
        );
    }
    assert_eq!(kerry.positions, [Position::Quote(0), Position::Quote(1)]);
}

#[test]
fn typo_titles_still_merge() {
    let text = "Pentagon spokesman Rear Admiral John Kirby said “there is no plan.”\n\n\
                “It is possible,” said Read Admiral Kirby.";
    let analysis = run(text);
    assert_eq!(analysis.actors.len(), 1, "{:?}", analysis.actors);
    let kirby = &analysis.actors[0];
    assert_eq!(kirby.name, "John Kirby");
    assert_eq!(kirby.role.as_deref(), Some("Pentagon spokesman"));
    assert_eq!(kirby.affiliation.as_deref(), Some("Pentagon"));
    assert!(kirby.aliases.iter().any(|a| a == "Read Admiral Kirby"));
}

#[test]
fn appositive_roles_and_affiliations() {
    let analysis = run(
        "“We exported a crisis,” said William Gale, a senior fellow at the Brookings Institution.",
    );
    let gale = &analysis.actors[0];
    assert_eq!(gale.name, "William Gale");
    assert_eq!(
        gale.role.as_deref(),
        Some("senior fellow at the Brookings Institution")
    );
    let analysis = run("“Pipes expand,” said Tasos Georgelis of the city's Department of Environmental Protection.");
    assert_eq!(analysis.actors[0].name, "Tasos Georgelis");
    assert_eq!(
        analysis.actors[0].affiliation.as_deref(),
        Some("the city's Department of Environmental Protection")
    );
}

#[test]
fn people_with_the_same_surname_stay_apart() {
    let text = "“The sea is sick,” says Hori Parata, an elder of the tribe.\n\n\
                “We are not foreigners,” says Te Kaurinui Robert Parata, his son.\n\n\
                “It is emotional,” says Te Kaurinui.";
    let analysis = run(text);
    let speakers: Vec<Option<&str>> = analysis
        .quotes
        .iter()
        .map(|q| q.speaker.as_deref())
        .collect();
    assert_eq!(
        speakers,
        [
            Some("Hori Parata"),
            Some("Te Kaurinui Robert Parata"),
            Some("Te Kaurinui Robert Parata")
        ]
    );
}

#[test]
fn organisations_and_governments_speak() {
    let analysis = run("The United States said Monday it is open to discussions with Iran but ruled out military cooperation.\n\n\
                        “We are concerned,” the State Department said in a statement.");
    let names: Vec<(&str, ActorKind)> = analysis
        .actors
        .iter()
        .map(|a| (a.name.as_str(), a.kind))
        .collect();
    assert_eq!(
        names,
        [
            ("United States", ActorKind::Organization),
            ("State Department", ActorKind::Organization)
        ]
    );
    assert_eq!(
        analysis.reported[0].speaker.as_deref(),
        Some("United States")
    );
    assert_eq!(analysis.reported[0].cue, "said Monday");
    assert!(analysis.reported[0]
        .text
        .starts_with("it is open to discussions with Iran"));
}

#[test]
fn groups_speak_too() {
    let analysis = run("Con Edison officials say they often deal with scores of electrical fires.\n\nBut most experts say that isn't likely.");
    let found: Vec<(&str, &str, ActorKind)> = analysis
        .reported
        .iter()
        .map(|r| {
            (
                r.speaker.as_deref().unwrap(),
                r.text.as_str(),
                analysis.actors[r.actor.unwrap()].kind,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "Con Edison officials",
                "they often deal with scores of electrical fires",
                ActorKind::Group
            ),
            ("most experts", "that isn't likely", ActorKind::Group)
        ]
    );
}

#[test]
fn reported_speech_with_stance() {
    let text =
        "The minister rejected the proposal. Jane Smith denied that the talks had failed.\n\n\
                The union welcomed the plan, saying it would protect jobs.\n\n\
                Rear Admiral John Kirby told reporters the talks would take place in Vienna.\n\n\
                The budget will grow, Mr. Frankel warned on Monday.";
    let analysis = run(text);
    // Speaker, cue, statement, and the side taken on what.
    type Statement<'a> = (Option<&'a str>, &'a str, &'a str, Option<(Side, &'a str)>);
    let found: Vec<Statement> = analysis
        .reported
        .iter()
        .map(|r| {
            (
                r.speaker.as_deref(),
                r.cue.as_str(),
                r.text.as_str(),
                r.stance.as_ref().map(|s| (s.side, s.object.as_str())),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                Some("Jane Smith"),
                "denied",
                "the talks had failed",
                Some((Side::Against, "the talks had failed"))
            ),
            (Some("union"), "saying", "it would protect jobs", None),
            (
                Some("John Kirby"),
                "told reporters",
                "the talks would take place in Vienna",
                None
            ),
            (
                Some("Frankel"),
                "warned on Monday",
                "The budget will grow",
                None
            ),
        ]
    );
    // The object's span is where its words stand.
    let stance = analysis.reported[0].stance.as_ref().unwrap();
    let block = &blocks_from_text(text)[stance.object_span.block].text;
    assert_eq!(
        &block[stance.object_span.start..stance.object_span.end],
        stance.object
    );
    assert_eq!(
        stance.object_span.end_utf16 - stance.object_span.start_utf16,
        stance.object.encode_utf16().count()
    );
}

#[test]
fn positions_follow_reading_order() {
    let text = "Jane Smith said the plan was wrong.\n\n“It will fail,” Ms Smith said.\n\nSmith added that she opposes the levy.";
    let analysis = run(text);
    assert_eq!(analysis.actors.len(), 1);
    assert_eq!(
        analysis.actors[0].positions,
        [
            Position::Reported(0),
            Position::Quote(0),
            Position::Reported(1)
        ]
    );
    let stance = analysis.reported[1].stance.as_ref().unwrap();
    assert_eq!(
        (stance.side, stance.object.as_str()),
        (Side::Against, "the levy")
    );
}
