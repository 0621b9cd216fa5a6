//! `cargo bench --bench native` (run by `./build.sh bench`): MB/s of article text through the native
//! pipeline at 10 KB, 100 KB and 1 MB, whether the cost per byte stays flat (linear), and peak
//! heap. Prints figures; never fails on timing.
//!
//! Inputs are built from the corpus's article texts (pages with gold annotations or Readability's
//! expected.html), as the article finder extracts them; adversarial families (quote marks of every
//! style, binary junk) check linearity where a naive engine goes quadratic.

use quotelens::article::{self, html::HtmlNode};
use quotelens::engine::{self, Block, BlockKind};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Counts live heap bytes and their high-water mark, for peak memory per measurement.
struct CountingAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const SIZES: [(&str, usize); 3] = [
    ("10 KB", 10 << 10),
    ("100 KB", 100 << 10),
    ("1 MB", 1 << 20),
];
/// Each figure is the median of runs totalling at least this long (and at least 3 runs).
const BUDGET: Duration = Duration::from_millis(700);
/// A single run slower than this stops a family from growing: the cost is not linear.
const TOO_SLOW: Duration = Duration::from_secs(5);

struct Measure {
    median: Duration,
    /// Heap allocated at the peak of one run, above what was live before it.
    peak_heap: usize,
}

fn measure<T>(mut run: impl FnMut() -> T) -> Measure {
    let mut times = Vec::new();
    let mut peak_heap = 0;
    let started = Instant::now();
    while times.len() < 3 || (started.elapsed() < BUDGET && times.len() < 1000) {
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        let t = Instant::now();
        std::hint::black_box(run());
        times.push(t.elapsed());
        peak_heap = peak_heap.max(PEAK.load(Relaxed) - before);
        if times[0] > TOO_SLOW {
            break;
        }
    }
    times.sort();
    Measure {
        median: times[times.len() / 2],
        peak_heap,
    }
}

/// Article texts of the corpus pages that have gold annotations or Readability's expected.html.
fn corpus_articles() -> Vec<Vec<String>> {
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/pages");
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/gold");
    let mut names: Vec<_> = std::fs::read_dir(&pages)
        .expect("tests/corpus/pages")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    names.sort();
    names
        .into_iter()
        .filter(|name| {
            let name = name.to_string_lossy();
            pages.join(&*name).join("expected.html").exists()
                || gold.join(format!("{name}.json")).exists()
        })
        .filter_map(|name| {
            let bytes = std::fs::read(pages.join(&name).join("source.html")).ok()?;
            let document = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
            let blocks = article::extract(&HtmlNode::root(&document)).blocks;
            Some(blocks.into_iter().map(|b| b.text).collect::<Vec<_>>())
                .filter(|texts| !texts.is_empty())
        })
        .collect()
}

/// Paragraph texts cycled from `source` until they hold `bytes` bytes of text.
fn texts_of_size(source: &[String], bytes: usize) -> Vec<String> {
    let mut texts = Vec::new();
    let mut total = 0;
    for text in source.iter().cycle() {
        if total >= bytes {
            break;
        }
        total += text.len();
        texts.push(text.clone());
    }
    texts
}

fn blocks(texts: &[String]) -> Vec<Block> {
    texts
        .iter()
        .enumerate()
        .map(|(id, text)| Block {
            id,
            kind: BlockKind::Paragraph,
            text: text.clone(),
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A news page around the texts: head, navigation, the article's paragraphs, a footer.
fn page(texts: &[String]) -> String {
    let mut html = String::from(
        "<!DOCTYPE html><html><head><title>Benchmark article</title></head><body><header><nav><a href=/>Home</a> \
         <a href=/world>World</a></nav></header><main><article><h1>Benchmark article</h1>",
    );
    for text in texts {
        html.push_str(&format!("<p>{}</p>\n", escape(text)));
    }
    html.push_str("</article></main><footer><p>© Example News</p></footer></body></html>");
    html
}

fn total_len(texts: &[String]) -> usize {
    texts.iter().map(String::len).sum()
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / (1 << 20) as f64 / time.as_secs_f64()
}

fn kib(bytes: usize) -> String {
    format!("{:.0} KiB", bytes as f64 / 1024.0)
}

struct Row {
    bytes: usize,
    pipeline: Option<Duration>,
    analyze: Duration,
}

/// Per-byte cost at 1 MB over per-byte cost at 100 KB: 1.0 is linear. Not over 10 KB: that input
/// is the first few articles only, analysed again and again in a warm cache, so its bytes are
/// neither the same mix nor the same cost.
fn per_byte_ratio(rows: &[Row], time: impl Fn(&Row) -> Option<Duration>) -> Option<f64> {
    let (small, large) = (rows.get(1)?, rows.last()?);
    let per_byte = |row: &Row| Some(time(row)?.as_secs_f64() / row.bytes as f64);
    Some(per_byte(large)? / per_byte(small)?).filter(|_| rows.len() == SIZES.len())
}

fn print_linearity(family: &str, rows: &[Row]) {
    let show = |ratio: Option<f64>| {
        ratio.map_or("n/a (a size was skipped)".to_string(), |r| {
            format!("{r:.2}×")
        })
    };
    let pipeline = per_byte_ratio(rows, |r| r.pipeline);
    let analyze = per_byte_ratio(rows, |r| Some(r.analyze));
    if rows.iter().any(|r| r.pipeline.is_some()) {
        println!("  {family}: cost per byte at 1 MB / at 100 KB: extract+analyze {}, analyze {} (1.00× = linear)", show(pipeline), show(analyze));
    } else {
        println!(
            "  {family}: cost per byte at 1 MB / at 100 KB: analyze {} (1.00× = linear)",
            show(analyze)
        );
    }
}

fn news(articles: &[Vec<String>]) {
    let source: Vec<String> = articles.iter().flatten().cloned().collect();
    println!(
        "\nnews: the article text of {} corpus pages ({} blocks, {} KiB), cycled; as a page and as blocks:",
        articles.len(),
        source.len(),
        total_len(&source) >> 10
    );
    println!(
        "  {:>7} {:>9} {:>10} {:>11} {:>11} {:>13} {:>11} {:>12} {:>12}",
        "size",
        "parse ms",
        "extract ms",
        "analyze ms",
        "extract+",
        "extract+anal.",
        "analyze",
        "peak heap",
        "peak heap"
    );
    println!(
        "  {:>7} {:>9} {:>10} {:>11} {:>11} {:>13} {:>11} {:>12} {:>12}",
        "", "(html5ever)", "", "", "analyze ms", "MB/s", "MB/s", "extract+an.", "analyze"
    );
    let mut rows = Vec::new();
    for (label, size) in SIZES {
        let texts = texts_of_size(&source, size);
        let bytes = total_len(&texts);
        let html = page(&texts);
        let parse = measure(|| scraper::Html::parse_document(&html));
        let document = scraper::Html::parse_document(&html);
        let root = HtmlNode::root(&document);
        let extract = measure(|| article::extract(&root).blocks.len());
        let pipeline = measure(|| {
            engine::analyze(&article::extract(&root).blocks, "en")
                .quotes
                .len()
        });
        let blocks = blocks(&texts);
        let analyze = measure(|| engine::analyze(&blocks, "en").quotes.len());
        let ms = |d: Duration| format!("{:.3}", d.as_secs_f64() * 1e3);
        println!(
            "  {label:>7} {:>9} {:>10} {:>11} {:>11} {:>13.1} {:>11.1} {:>12} {:>12}",
            ms(parse.median),
            ms(extract.median),
            ms(analyze.median),
            ms(pipeline.median),
            mb_per_s(bytes, pipeline.median),
            mb_per_s(bytes, analyze.median),
            kib(pipeline.peak_heap),
            kib(analyze.peak_heap),
        );
        rows.push(Row {
            bytes,
            pipeline: Some(pipeline.median),
            analyze: analyze.median,
        });
    }
    print_linearity("news", &rows);
}

/// `unit` repeated to `bytes`, cut at a char boundary, in paragraphs of about 2 KB.
fn repeated(unit: &str, bytes: usize) -> Vec<String> {
    let paragraph = unit.repeat(2048 / unit.len() + 1);
    texts_of_size(&[paragraph], bytes)
}

/// xorshift64*: deterministic junk without a dependency, read lossily as the CLI reads files.
fn junk(bytes: usize) -> Vec<String> {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let raw: Vec<u8> = (0..bytes)
        .map(|_| {
            seed ^= seed >> 12;
            seed ^= seed << 25;
            seed ^= seed >> 27;
            (seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect();
    String::from_utf8_lossy(&raw)
        .split("\n\n")
        .map(str::to_string)
        .collect()
}

fn adversarial(family: &str, make: impl Fn(usize) -> Vec<String>) {
    println!("\n{family}, as blocks:");
    println!(
        "  {:>7} {:>11} {:>11} {:>12}",
        "size", "analyze ms", "MB/s", "peak heap"
    );
    let mut rows = Vec::new();
    for (label, size) in SIZES {
        let blocks = blocks(&make(size));
        let bytes = blocks.iter().map(|b| b.text.len()).sum();
        let analyze = measure(|| engine::analyze(&blocks, "en").quotes.len());
        println!(
            "  {label:>7} {:>11.3} {:>11.1} {:>12}",
            analyze.median.as_secs_f64() * 1e3,
            mb_per_s(bytes, analyze.median),
            kib(analyze.peak_heap)
        );
        rows.push(Row {
            bytes,
            pipeline: None,
            analyze: analyze.median,
        });
        if analyze.median > TOO_SLOW {
            println!(
                "  larger sizes skipped: one run took {:.1} s, far from linear",
                analyze.median.as_secs_f64()
            );
            break;
        }
    }
    print_linearity(family, &rows);
}

/// This process's peak resident memory, from the kernel.
fn vm_hwm() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn main() {
    // `cargo bench` passes --bench; a filter or --list from `cargo test --benches` is not ours.
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    println!(
        "QuoteLens native pipeline: median of runs, text bytes per second (1 MB = 2^20 bytes)"
    );
    news(&corpus_articles());
    adversarial("quote marks of every style between words", |size| {
        repeated(
            "“Yes,” said Smith. \"No\" ‘maybe’ «oui» ‹non› „ja“ 「はい」 『いいえ』 don't ’90s ",
            size,
        )
    });
    adversarial(
        "a quote mark every byte (\" “ ” ‘ ’ « »)",
        |size| repeated("\"“”‘’«»", size),
    );
    adversarial("binary junk", junk);
    println!(
        "\npeak resident memory of this process (VmHWM, all of the above): {}",
        vm_hwm()
    );
}
