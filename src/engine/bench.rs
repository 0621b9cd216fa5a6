//! Throughput of the whole engine on article text at 10 KB, 100 KB and 1 MB, printed as MB/s
//! (`./build.sh bench`). Fails only if cost grows clearly faster than the input (not linear).

use super::{analyze, blocks_from_text};
use std::time::Instant;

/// A news-like paragraph mix: quotes with every cue pattern, pronouns, reported speech, names.
const SAMPLE: &str = "Pentagon spokesman Rear Admiral John Kirby said “there is absolutely no intention, no plan to coordinate military activities.”\n\n\
State Department spokesman Jen Psaki wrote in a tweet: “To be clear: open to political conversation, not military cooperation.”\n\n\
US and Iranian diplomats might address the situation on the margins of negotiations, Rear Admiral Kirby told reporters.\n\n\
“It’s possible on the sideline of those discussions, there could be discussions surrounding the situation,” he said.\n\n\
The United States said Monday it is open to discussions but ruled out consulting on any potential military action.\n\n\
“Let’s see what they might or might not be willing to do,” Mr Kerry said. “We are open to any constructive process.\n\n\
“That could be an issue forced onto the agenda,” according to the Congressional Budget Office, which estimates growth.\n\n";

fn article_of(bytes: usize) -> String {
    SAMPLE.repeat(bytes / SAMPLE.len() + 1)
}

/// MB/s over enough repetitions to run for about half a second.
fn throughput(text: &str) -> f64 {
    let blocks = blocks_from_text(text);
    let mut runs = 0u32;
    let start = Instant::now();
    while runs == 0 || start.elapsed().as_secs_f64() < 0.5 {
        std::hint::black_box(analyze(std::hint::black_box(&blocks), "en"));
        runs += 1;
    }
    text.len() as f64 * f64::from(runs) / start.elapsed().as_secs_f64() / 1e6
}

#[test]
#[ignore = "benchmark: ./build.sh bench"]
fn engine_throughput() {
    let mut figures = Vec::new();
    for (label, bytes) in [("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000)] {
        let text = article_of(bytes);
        let mbps = throughput(&text);
        println!("engine: {label:>6} of article text: {mbps:7.1} MB/s ({:.3} ms per run)", text.len() as f64 / mbps / 1e3);
        figures.push(mbps);
    }
    // Linear cost keeps MB/s roughly flat; a quadratic step would divide it by ten per size step.
    assert!(figures[2] > figures[0] / 4.0, "throughput falls with size: {figures:?}");
}
