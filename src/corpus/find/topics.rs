//! Topics of paragraphs, from the taxonomy's terms (see `data/topics.toml`).
//!
//! A paragraph's score for a topic is `1 - exp(-weight / (1 + words / 60))`: each distinct
//! term found adds 1 (a strong term 2), counted at most twice, and longer paragraphs need
//! more evidence. Topics under [`THRESHOLD`] are not tagged.

use std::collections::BTreeMap;

use crate::corpus::find::lexicon::Lexicon;
use crate::model::{Topic, TopicScore};

/// The lowest score that tags a paragraph with a topic.
pub(crate) const THRESHOLD: f32 = 0.45;

/// The topics of the taxonomy, as the model sees them.
pub(crate) fn taxonomy(lexicon: &Lexicon) -> Vec<Topic> {
    lexicon.topics.iter().map(|t| Topic { id: t.id.clone(), name: t.name.clone() }).collect()
}

/// The topics of one paragraph, strongest first (ties by id).
#[cfg(test)]
pub(crate) fn score(text: &str, lexicon: &Lexicon) -> Vec<TopicScore> {
    let words = crate::corpus::text::words(text);
    let folded = crate::corpus::find::lexicon::fold_words(&words);
    score_in(text, &words, &folded, lexicon)
}

/// [`score`] on words already split and folded.
pub(crate) fn score_in(
    text: &str,
    words: &[crate::corpus::text::Word],
    folded: &[String],
    lexicon: &Lexicon,
) -> Vec<TopicScore> {
    if words.is_empty() || lexicon.topics.is_empty() {
        return Vec::new();
    }
    let n = lexicon.topics.len();
    // (topic, folded term text) -> occurrences; strong terms weigh 2.
    let mut hits: BTreeMap<(usize, String), (usize, f32)> = BTreeMap::new();
    // Every term at every word (topics may share words: "Russian aggression" is Ukraine's
    // and "aggression" Russia's).
    for m in lexicon.m.topics.find_every(text, words, folded) {
        let (topic, weight) = if m.entry >= n { (m.entry - n, 2.0) } else { (m.entry, 1.0) };
        let term: String = folded[m.words.clone()].join(" ");
        let e = hits.entry((topic, term)).or_insert((0, weight));
        e.0 += 1;
    }
    let mut weights = vec![0f32; n];
    for ((topic, _), (count, weight)) in hits {
        weights[topic] += weight * count.min(2) as f32;
    }
    // Longer paragraphs need more evidence, up to a point: a whole article pasted as one
    // paragraph is judged like a few paragraphs, not like a sentence drowned in it.
    let length = 1.0 + words.len().min(150) as f32 / 60.0;
    let mut out: Vec<TopicScore> = weights
        .iter()
        .enumerate()
        .filter(|(_, w)| **w > 0.0)
        .map(|(i, w)| {
            let s = 1.0 - (-w / length).exp();
            // Two decimals: stable in files and tables.
            TopicScore { topic: lexicon.topics[i].id.clone(), score: (s * 100.0).round() / 100.0 }
        })
        .filter(|t| t.score >= THRESHOLD)
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.topic.cmp(&b.topic)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(text: &str) -> Vec<String> {
        score(text, Lexicon::builtin()).into_iter().map(|t| t.topic).collect()
    }

    #[test]
    fn taxonomy_has_the_topics_briefs_need() {
        let ids: Vec<String> = taxonomy(Lexicon::builtin()).into_iter().map(|t| t.id).collect();
        for id in [
            "ukraine",
            "western-balkans",
            "defence-spending",
            "russia-hybrid",
            "eastern-flank",
            "southern-flank",
            "eu-enlargement",
            "osce",
            "cyber",
            "terrorism",
            "energy-security",
            "migration",
            "climate-security",
            "china",
        ] {
            assert!(ids.iter().any(|i| i == id), "{id}");
        }
    }

    #[test]
    fn words_that_only_sometimes_mean_the_topic() {
        // In a paragraph of an article, "enlargement" of a photograph is no EU enlargement,
        // and "proširenje" of a road neither: only a strong term decides alone.
        let photo = "The artist was able to reproduce the old Polaroid photograph of the singer and create an \
                     enlargement of it, which he then used as the basis for a series of large silk-screen prints \
                     that were shown in galleries in New York, London and Paris over the following years and sold \
                     to collectors for prices nobody had expected.";
        assert!(!topics(photo).contains(&"eu-enlargement".to_string()), "{:?}", topics(photo));
        let road = "Radovi na proširenju ceste prema moru počeli su u ponedjeljak, a gradske vlasti kažu da će \
                    trajati do kraja ljeta. Vozači se mole da koriste obilaznicu preko susjednog sela, jer će na \
                    dionici kroz grad promet biti zatvoren tijekom dana, osim za hitne službe i autobuse.";
        assert!(!topics(road).contains(&"eu-enlargement".to_string()), "{:?}", topics(road));
        assert_eq!(topics("Proširenje EU na zapadni Balkan ostaje prioritet."), ["eu-enlargement", "western-balkans"]);
        // Terror in Latin-script Serbo-Croatian; BiH as its people write it.
        assert_eq!(topics("Policija je spriječila teroristički napad u gradu."), ["terrorism"]);
        assert!(
            topics("Izbori u BiH i Republici Srpskoj održani su u nedjelju, BiH ide dalje.")
                .contains(&"western-balkans".to_string())
        );
    }

    #[test]
    fn paragraphs_in_several_languages() {
        assert_eq!(
            topics("Allies reaffirmed their full support for Ukraine's efforts to counter Russian aggression."),
            ["ukraine", "russia-hybrid"]
        );
        assert_eq!(
            topics("Ballkani Perëndimor mbetet lart në agjendën e NATO-s, përfshirë KFOR-in."),
            ["western-balkans"]
        );
        assert_eq!(
            topics("Шефови одбране разговарали су о издвајањима за одбрану и о муницији."),
            ["defence-spending"]
        );
        assert_eq!(
            topics("Міністри обговорили підтримку України та гібридні загрози з боку Росії."),
            ["russia-hybrid", "ukraine"]
        );
        assert_eq!(topics("Jordan's King Abdullah II spoke about the southern flank and Gaza."), ["southern-flank"]);
        assert!(topics("The weather was fine and the ministers had lunch.").is_empty());
    }

    #[test]
    fn a_region_whose_adjective_is_written_in_lower_case() {
        // Croatian writes "zapadni Balkan", Ukrainian often "західних Балкан": the strong term
        // decides even in a long paragraph about something else.
        let long = "Vlada je u srijedu predstavila plan za gospodarstvo, koji predviđa manje poreze za male \
                    tvrtke i više novca za ceste i škole u sljedeće tri godine. Ministar financija kaže da će \
                    se plan financirati iz proračuna, a oporba tvrdi da brojke ne vrijede. Plan spominje i \
                    suradnju sa zemljama zapadnog Balkana u prometu i energetici.";
        assert!(topics(long).contains(&"western-balkans".to_string()), "{:?}", topics(long));
        let uk = "Уряд у середу представив план для економіки, що передбачає менші податки для малих фірм і \
                  більше грошей на дороги та школи протягом трьох років. Міністр фінансів каже, що план \
                  профінансують із бюджету. План згадує і співпрацю з країнами західних Балкан у транспорті.";
        assert!(topics(uk).contains(&"western-balkans".to_string()), "{:?}", topics(uk));
        assert!(topics("The western Balkans remain on the agenda.").contains(&"western-balkans".to_string()));
    }

    #[test]
    fn scores_fall_with_length() {
        let short = score("Support for Ukraine.", Lexicon::builtin());
        let long_text =
            format!("Support for Ukraine. {}", "Ministers discussed many other matters at length. ".repeat(20));
        let long = score(&long_text, Lexicon::builtin());
        assert!(short[0].score > long.first().map_or(0.0, |t| t.score));
        assert!(short[0].score <= 1.0);
    }
}
