//! Reading a page's background colour as CSS gives it, to choose the highlight palette that
//! stands out on it: on a dark page, the light palette's colours would sink into the background.

/// A colour as `getComputedStyle` writes it: `rgb(r, g, b)` or `rgba(r, g, b, a)` (commas or
/// spaces, an optional `/ a`). `None` for anything else.
pub fn parse_rgb(css: &str) -> Option<Rgba> {
    let inner = css
        .trim()
        .strip_prefix("rgba(")
        .or_else(|| css.trim().strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let numbers: Vec<f64> = inner
        .split([',', ' ', '/'])
        .filter(|part| !part.is_empty())
        .map(css_number)
        .collect::<Option<_>>()?;
    let (red, green, blue, alpha) = match numbers[..] {
        [r, g, b] => (r, g, b, 1.0),
        [r, g, b, a] => (r, g, b, a),
        _ => return None,
    };
    let channel = |c: f64| c.clamp(0.0, 255.0) / 255.0;
    Some(Rgba {
        red: channel(red),
        green: channel(green),
        blue: channel(blue),
        alpha: alpha.clamp(0.0, 1.0),
    })
}

/// A plain CSS number ("18", "0.5", ".5"), without float parsing: Rust's would add about 10 KB
/// to the gzipped WebAssembly for this one use.
fn css_number(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit()) && part.len() <= 9;
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    let value = |part: &str| part.parse::<u32>().map_or(0.0, f64::from);
    Some(value(whole) + value(fraction) / 10f64.powi(fraction.len() as i32))
}

/// Channels from 0 to 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    pub red: f64,
    pub green: f64,
    pub blue: f64,
    pub alpha: f64,
}

impl Rgba {
    /// WCAG's relative luminance, from 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let linear = |c: f64| {
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.red) + 0.7152 * linear(self.green) + 0.0722 * linear(self.blue)
    }

    /// Whether the highlights need the palette for dark backgrounds: dark text would have less
    /// contrast on it than light text (luminance under about 0.18).
    pub fn is_dark(self) -> bool {
        let against_black = (self.luminance() + 0.05) / 0.05;
        let against_white = 1.05 / (self.luminance() + 0.05);
        against_white > against_black
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_browsers_write() {
        let dark = parse_rgb("rgb(27, 27, 27)").unwrap();
        assert!(dark.is_dark() && dark.alpha == 1.0);
        assert!(!parse_rgb("rgb(255, 255, 255)").unwrap().is_dark());
        assert!(!parse_rgb("rgb(245 245 240)").unwrap().is_dark());
        assert_eq!(parse_rgb("rgba(0, 0, 0, 0)").unwrap().alpha, 0.0);
        assert_eq!(parse_rgb("rgb(0 0 0 / 0.5)").unwrap().alpha, 0.5);
        assert_eq!(parse_rgb("rgba(0, 0, 0, .25)").unwrap().alpha, 0.25);
        assert_eq!(parse_rgb("rgb(255.0, 0, 0)").unwrap().red, 1.0);
        assert!(parse_rgb("rgb(0, 51, 102)").unwrap().is_dark());
    }

    #[test]
    fn anything_else_is_no_colour() {
        for css in [
            "",
            "transparent",
            "rgb(",
            "rgb()",
            "rgb(1, 2)",
            "rgb(1, 2, 3, 4, 5)",
            "rgb(a, b, c)",
            "hsl(0, 0%, 0%)",
            "rgb(NaN, 1, 1)",
            "rgb(1, 2, 3",
        ] {
            assert_eq!(parse_rgb(css), None, "{css:?}");
        }
    }

    #[test]
    fn the_line_between_dark_and_light_is_where_contrast_turns() {
        // Mid-grey #777 (luminance 0.184) still takes dark text best; #737373 (0.171) light.
        assert!(!parse_rgb("rgb(119, 119, 119)").unwrap().is_dark());
        assert!(parse_rgb("rgb(115, 115, 115)").unwrap().is_dark());
    }
}
