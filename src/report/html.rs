//! report.html: the review page. One self-contained file (inline CSS and a
//! little plain JavaScript, nothing fetched) that opens from disk.
//!
//! Conflicts first, then consistent facts, then single-source facts; each
//! fact with its values side by side and who states them, the claims' as-of
//! dates in time order, the reasons, and each claim's sentence with the value
//! and the other mentions marked, linked to the article in the document view
//! below, where every mention is highlighted by kind. Filters by status and
//! entity and a search box work without a server; `#status=conflict&q=…`
//! in the address applies them on load. Every piece of article text goes
//! through `esc`, so an article holding `<script>` shows it as text.

use super::{
    capped_list, more, since, Labels, Summary, MAX_CLAIMS_SHOWN, MAX_DOCUMENTS_LISTED,
    MAX_FACTS_SHOWN, MAX_SOURCES_SHOWN,
};
use crate::extract::Kind;
use crate::ingest::short_name;
use crate::pipeline::{DocSummary, Mark, RunOptions, RunResult};
use crate::reconcile::{ClaimOut, Fact, Status};
use crate::store::Review;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

/// Escape for HTML text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root{--fg:#1b1f24;--muted:#59636e;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;
--money:#fff3b0;--date:#d8ecff;--percent:#e3f7d9;--quantity:#ffe1cc;--entity:#f1e2ff;--conflict:#b42318;--ok:#1a7f37;--single:#59636e}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0}
header,main{max-width:1180px;margin:0 auto;padding:0 16px}
header{padding-top:16px}
h1{font-size:1.5em;margin:.2em 0}
h2{font-size:1.25em;margin:1.4em 0 .4em;border-bottom:1px solid var(--line)}
h3{font-size:1.05em;margin:0 0 .3em}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:.5em 0}
.count{border:1px solid var(--line);border-radius:6px;padding:4px 10px;background:var(--soft)}
.count b{font-size:1.15em}
.controls{position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);padding:8px 0;display:flex;flex-wrap:wrap;gap:8px;align-items:center;z-index:2}
.controls button,.controls select,.controls input{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:var(--bg)}
.controls button[aria-pressed=true]{background:var(--fg);color:var(--bg)}
.controls input{min-width:16em;flex:1}
button:focus-visible,select:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #0969da;outline-offset:1px}
.fact{border:1px solid var(--line);border-left:6px solid var(--single);border-radius:6px;padding:10px 14px;margin:10px 0}
.fact.conflict{border-left-color:var(--conflict)}
.fact.consistent{border-left-color:var(--ok)}
.status{font-size:.8em;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
table.values{border-collapse:collapse;margin:.4em 0;width:100%}
table.values th,table.values td{border-top:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.values td.v{font-weight:600;white-space:nowrap;font-variant-numeric:tabular-nums}
ol.timeline{list-style:none;display:flex;flex-wrap:wrap;gap:6px;padding:0;margin:.4em 0}
ol.timeline li{background:var(--soft);border:1px solid var(--line);border-radius:14px;padding:2px 10px;font-size:.9em}
ol.timeline li .when{color:var(--muted);margin-right:4px}
ul.reasons{margin:.3em 0 .3em 1.2em;padding:0}
details>summary{cursor:pointer;color:var(--muted)}
.claim{margin:.35em 0;padding-left:.6em;border-left:3px solid var(--line)}
.claim .meta{color:var(--muted);font-size:.85em}
mark{border-radius:3px;padding:0 2px;color:inherit}
mark.money{background:var(--money)}mark.date{background:var(--date)}
mark.percent{background:var(--percent)}mark.quantity{background:var(--quantity)}mark.entity{background:var(--entity)}
mark.this{outline:2px solid #bf8700}
.legend mark{margin-right:6px}
.verdict{border-left:3px solid var(--line);padding:4px 10px;margin:8px 0}
.standing{font-weight:600;margin:.3em 0}
.fact.settled{opacity:.75}
.since{border:1px solid var(--line);border-radius:6px;padding:6px 14px;margin:10px 0}
.since ul{margin:.2em 0 .4em 1.2em;padding:0}
.review code{display:block;background:var(--soft);padding:4px 8px;margin:3px 0;white-space:pre-wrap;word-break:break-all}
.doc{border:1px solid var(--line);border-radius:6px;margin:10px 0;padding:8px 14px}
.doc pre{white-space:pre-wrap;word-wrap:break-word;font:14px/1.55 ui-monospace,SFMono-Regular,Menlo,monospace;margin:.4em 0}
.skipped{color:var(--conflict)}
.muted{color:var(--muted)}
[hidden]{display:none!important}
@media (max-width:640px){body{font-size:14px}.controls input{min-width:0;width:100%}table.values td,table.values th{padding:3px 4px}}
@media print{.controls{display:none}.fact,.doc{break-inside:avoid}details{display:block}details>*{display:block}a{color:inherit;text-decoration:none}}
"#;

const SCRIPT: &str = r#"
(function(){
  var facts=[].slice.call(document.querySelectorAll('.fact'));
  var status='all', entity='', query='';
  var buttons=[].slice.call(document.querySelectorAll('[data-filter-status]'));
  var sel=document.getElementById('entity'), box=document.getElementById('q');
  function apply(){
    var q=query.toLowerCase(), shown=0;
    facts.forEach(function(f){
      var ok=(status==='all'||f.getAttribute('data-status')===status)
        &&(!entity||(f.getAttribute('data-entities')||'').split('|').indexOf(entity)>=0)
        &&(!q||f.textContent.toLowerCase().indexOf(q)>=0);
      f.hidden=!ok; if(ok)shown++;
    });
    [].slice.call(document.querySelectorAll('section.facts')).forEach(function(s){
      s.hidden=!s.querySelector('.fact:not([hidden])');
    });
    buttons.forEach(function(b){b.setAttribute('aria-pressed',String(b.getAttribute('data-filter-status')===status));});
    document.getElementById('shown').textContent=shown+' of '+facts.length+' facts shown';
  }
  buttons.forEach(function(b){b.addEventListener('click',function(){status=b.getAttribute('data-filter-status');apply();});});
  sel.addEventListener('change',function(){entity=sel.value;apply();});
  box.addEventListener('input',function(){query=box.value;apply();});
  document.addEventListener('keydown',function(e){
    if(e.key==='/'&&document.activeElement!==box){e.preventDefault();box.focus();}
    else if(e.key==='Escape'&&document.activeElement===box){box.value='';query='';apply();box.blur();}
  });
  var h=location.hash.replace(/^#/,'');
  if(h.indexOf('=')>0){h.split('&').forEach(function(kv){
    var p=kv.split('='),k=p[0],v=decodeURIComponent((p[1]||'').replace(/\+/g,' '));
    if(k==='status')status=v; else if(k==='entity'){entity=v;sel.value=v;} else if(k==='q'){query=v;box.value=v;}
  });}
  apply();
  document.body.setAttribute('data-ready','1');
})();
"#;

/// Render report.html.
pub fn render(run: &RunResult, rules_origin: &str) -> String {
    let s = Summary::of(run);
    let docs: Vec<(usize, &str, Option<&DocSummary>)> = run
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (i, d.name.as_str(), d.result.as_ref().ok()))
        .collect();
    let doc_index: HashMap<&str, usize> = docs.iter().map(|(i, n, _)| (*n, *i)).collect();
    let labels = Labels::of(run);
    let mut out = String::with_capacity(64 << 10);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>crosscheck report</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style></head>\n<body>\n<header>\n<h1>crosscheck report</h1>\n");
    let _ = writeln!(
        out,
        "<div class=\"counts\"><span class=\"count\"><b>{}</b> conflicts</span><span class=\"count\"><b>{}</b> consistent</span><span class=\"count\"><b>{}</b> single-source</span><span class=\"count\"><b>{}</b> documents: {} processed, {} skipped</span><span class=\"count\">{} mentions · {} claims · {} facts</span></div>",
        s.conflicts, s.consistent, s.single, s.documents, s.processed, s.skipped, s.mentions, s.claims, s.facts
    );
    let _ = writeln!(
        out,
        "<p class=\"muted\">Rules: {}. Values are compared within the precision each source states; the reasons under each fact say why figures may differ. <a href=\"#documents\">Documents</a></p>",
        esc(rules_origin)
    );
    out.push_str("</header>\n");

    // Controls.
    let mut entities: BTreeSet<&str> = BTreeSet::new();
    let mut per_status = [0usize; 3];
    for h in run.facts.heads() {
        // Only the parties of facts the page shows.
        let n = &mut per_status[h.status.rank() as usize];
        *n += 1;
        if *n > MAX_FACTS_SHOWN {
            continue;
        }
        entities.insert(h.subject);
        if let Some(o) = h.object {
            entities.insert(o);
        }
    }
    let review = run.review.as_ref();
    if let Some(r) = review {
        since_html(&mut out, r);
    }
    out.push_str("<main>\n<div class=\"controls\" role=\"search\">\n");
    for (st, label) in [
        ("all", "All"),
        ("conflict", "Conflicts"),
        ("consistent", "Consistent"),
        ("single", "Single-source"),
    ] {
        let _ = write!(
            out,
            "<button type=\"button\" data-filter-status=\"{st}\" aria-pressed=\"{}\">{label}</button>",
            st == "all"
        );
    }
    out.push_str("\n<label>Entity <select id=\"entity\"><option value=\"\">any</option>");
    for e in &entities {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", esc(e));
    }
    out.push_str("</select></label>\n<input id=\"q\" type=\"search\" placeholder=\"Search facts and sentences (press /)\" aria-label=\"Search\">\n<span id=\"shown\" class=\"muted\" aria-live=\"polite\"></span>\n</div>\n");

    for (status, heading) in [
        (Status::Conflict, "Conflicts"),
        (Status::Consistent, "Consistent facts"),
        (Status::Single, "Single-source facts"),
    ] {
        let total = run.facts.count(status);
        let _ = writeln!(
            out,
            "<section class=\"facts\" id=\"{}\"><h2>{heading} ({total})</h2>",
            status.as_str(),
        );
        if total == 0 {
            out.push_str("<p class=\"muted\">None.</p>\n");
        }
        for f in run.facts.with_status(status).take(MAX_FACTS_SHOWN) {
            fact_html(&mut out, &f, &doc_index, &docs, &labels, review);
        }
        if let Some(m) = more(total, MAX_FACTS_SHOWN, "facts of this kind") {
            let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(&m));
        }
        out.push_str("</section>\n");
    }

    documents_html(&mut out, &docs, run);
    out.push_str("</main>\n<script>");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body></html>\n");
    out
}

fn fact_html(
    out: &mut String,
    f: &Fact,
    doc_index: &HashMap<&str, usize>,
    docs: &[(usize, &str, Option<&DocSummary>)],
    labels: &Labels,
    review: Option<&Review>,
) {
    let mut names = vec![f.subject.as_str()];
    if let Some(o) = &f.object {
        names.push(o);
    }
    let _ = writeln!(
        out,
        "<article class=\"fact {st}{settled}\" id=\"fact-{id}\" data-status=\"{st}\" data-entities=\"{ents}\">",
        st = f.status.as_str(),
        settled = if since::is_settled(review, f) { " settled" } else { "" },
        id = esc(&f.id),
        ents = esc(&names.join("|"))
    );
    let _ = writeln!(
        out,
        "<div class=\"status\">{} · {} claims from {} sources</div><h3>{}</h3>",
        f.status.as_str(),
        f.claims.len(),
        f.source_count(),
        esc(&f.title())
    );
    // Values side by side.
    out.push_str("<table class=\"values\"><thead><tr><th>value</th><th>sources</th><th>as written</th></tr></thead><tbody>\n");
    for v in &f.values {
        let sources: Vec<String> = v
            .sources
            .iter()
            .map(|d| match doc_index.get(d.as_str()) {
                Some(i) => match labels.label(d) {
                    Some(l) => format!("<a href=\"#doc-{i}\" title=\"{}\">{}</a>", esc(d), esc(l)),
                    None => format!("<a href=\"#doc-{i}\">{}</a>", esc(d)),
                },
                None => esc(labels.get(d)),
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><td class=\"v\">{}</td><td>{} source{}: {}</td><td>{}</td></tr>",
            esc(&v.display),
            v.sources.len(),
            if v.sources.len() == 1 { "" } else { "s" },
            capped_list(&sources, MAX_SOURCES_SHOWN),
            v.stated
                .iter()
                .map(|s| format!("“{}”", esc(s)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    out.push_str("</tbody></table>\n");
    // As-of dates in time order: a running total that grew reads left to right.
    let mut dated: Vec<&ClaimOut> = f.claims.iter().collect();
    dated.sort_by(|a, b| {
        (a.as_of.is_none(), a.as_of.as_deref(), &a.doc).cmp(&(
            b.as_of.is_none(),
            b.as_of.as_deref(),
            &b.doc,
        ))
    });
    // One entry per (date, value, source), with how often it is stated.
    let mut entries: Vec<(String, String, &str, usize)> = Vec::new();
    for c in dated {
        let when = c.when();
        let value = f.fmt_claim(c);
        match entries
            .iter_mut()
            .find(|e| e.0 == when && e.1 == value && e.2 == c.doc)
        {
            Some(e) => e.3 += 1,
            None => entries.push((when, value, &c.doc, 1)),
        }
    }
    out.push_str("<ol class=\"timeline\" aria-label=\"claims by as-of date\">");
    let more_entries = entries.len().saturating_sub(MAX_CLAIMS_SHOWN);
    for (when, value, doc, n) in entries.into_iter().take(MAX_CLAIMS_SHOWN) {
        let times = if n > 1 {
            format!(" ×{n}")
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<li><span class=\"when\">{}</span>{} <span class=\"muted\">{}{times}</span></li>",
            esc(&when),
            esc(&value),
            esc(&short_name(doc))
        );
    }
    if more_entries > 0 {
        let _ = write!(out, "<li class=\"muted\">… and {more_entries} more</li>");
    }
    out.push_str("</ol>\n");
    if !f.reasons.is_empty() {
        out.push_str("<ul class=\"reasons\">");
        for r in &f.reasons {
            let _ = write!(out, "<li>{}</li>", esc(r));
        }
        out.push_str("</ul>\n");
    }
    let open = if f.status == Status::Single {
        ""
    } else {
        " open"
    };
    if let Some(r) = review {
        if let Some(st) = since::standing(r, f) {
            let _ = writeln!(out, "<p class=\"standing\">{}</p>", esc(&st));
        }
        review_html(out, r, f);
    }
    if let Some(v) = &f.verdict {
        let _ = writeln!(out, "<p class=\"verdict\"><b>Verdict:</b> {}</p>", esc(v));
    }
    let _ = writeln!(
        out,
        "<details{open}><summary>{} claim{} with their sentences</summary>",
        f.claims.len(),
        if f.claims.len() == 1 { "" } else { "s" }
    );
    for c in f.claims.iter().take(MAX_CLAIMS_SHOWN) {
        let i = doc_index.get(c.doc.as_str()).copied();
        let doc = i.and_then(|i| docs[i].2);
        let sentence = match doc {
            Some(d) => marked_sentence(d, c),
            None => esc(&c.sentence),
        };
        let named = match labels.label(&c.doc) {
            Some(l) => format!("{} ({})", esc(&c.doc), esc(l)),
            None => esc(&c.doc),
        };
        let link = match i {
            Some(i) => format!("<a href=\"#doc-{i}-{}\">{named}</a>", c.start),
            None => named,
        };
        let mut meta = vec![
            format!("bytes {}–{}", c.start, c.end),
            format!("scope {}", c.scope),
        ];
        meta.extend(c.notes());
        let _ = writeln!(
            out,
            "<div class=\"claim\"><div>{sentence}</div><div class=\"meta\">{link} · {}</div></div>",
            esc(&meta.join(" · "))
        );
    }
    if let Some(m) = more(f.claims.len(), MAX_CLAIMS_SHOWN, "claims") {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(&m));
    }
    out.push_str("</details>\n</article>\n");
}

/// The claim's sentence from its article, with every mention in it marked by
/// kind and the claim's own value outlined.
fn marked_sentence(d: &DocSummary, c: &ClaimOut) -> String {
    let Some(kept) = &d.text else {
        return esc(&c.sentence);
    };
    let text = kept.text.as_str();
    // The sentence holds the value at c.start..c.end: try each place the
    // value's text occurs in the sentence (no search through the article).
    let start = c
        .sentence
        .match_indices(c.text.as_str())
        .filter_map(|(k, _)| c.start.checked_sub(k))
        .find(|&s| {
            text.get(s..)
                .is_some_and(|t| t.starts_with(c.sentence.as_str()))
        });
    let Some(start) = start else {
        return esc(&c.sentence);
    };
    let end = start + c.sentence.len();
    highlight(
        text,
        start,
        end,
        &kept.mentions,
        Some((c.start, c.end)),
        None,
    )
}

/// Text from `start` to `end` with the mentions inside it wrapped in
/// `<mark>` by kind; the mention at `this` is outlined; with `anchor` (a
/// document's index) each mark gets an id the claims link to.
fn highlight(
    text: &str,
    start: usize,
    end: usize,
    mentions: &[Mark],
    this: Option<(usize, usize)>,
    anchor: Option<usize>,
) -> String {
    let mut out = String::new();
    let mut at = start;
    // Mentions are sorted by start: only those from `start` on are looked at.
    let first = mentions.partition_point(|m| m.start < start);
    for m in &mentions[first..] {
        if m.start >= end {
            break;
        }
        if m.start < at
            || m.end > end
            || !text.is_char_boundary(m.start)
            || !text.is_char_boundary(m.end)
        {
            continue;
        }
        out.push_str(&esc(&text[at..m.start]));
        let kind = match m.kind {
            Kind::Money => "money",
            Kind::Date => "date",
            Kind::Percent => "percent",
            Kind::Quantity => "quantity",
            Kind::Entity => "entity",
        };
        let this_class = if this == Some((m.start, m.end)) {
            " this"
        } else {
            ""
        };
        let id = anchor.map_or(String::new(), |d| format!(" id=\"doc-{d}-{}\"", m.start));
        let _ = write!(
            out,
            "<mark class=\"{kind}{this_class}\"{id} title=\"{}\">{}</mark>",
            esc(&m.title),
            esc(&text[m.start..m.end])
        );
        at = m.end;
    }
    out.push_str(&esc(&text[at..end]));
    out
}

/// What changed since the run compared with.
fn since_html(out: &mut String, r: &Review) {
    let Some(heading) = since::heading(r) else {
        return;
    };
    let _ = writeln!(
        out,
        "<section class=\"since\" id=\"since\"><h2>{}</h2><ul><li>{}</li>",
        esc(&heading),
        esc(&since::documents(r))
    );
    for g in since::groups(r) {
        let _ = write!(out, "<li>{}:<ul>", esc(&g.label));
        for line in g.lines.iter().take(MAX_FACTS_SHOWN) {
            let _ = write!(out, "<li>{}</li>", esc(line));
        }
        if let Some(m) = more(g.lines.len(), MAX_FACTS_SHOWN, "changes") {
            let _ = write!(out, "<li class=\"muted\">{}</li>", esc(&m));
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ul></section>\n");
}

/// The commands that settle a fact, to copy into a terminal.
fn review_html(out: &mut String, r: &Review, f: &Fact) {
    if f.status != Status::Conflict {
        return;
    }
    let _ = write!(
        out,
        "<details class=\"review\"><summary>Settle this fact (commands to copy)</summary>"
    );
    for v in &f.values {
        let _ = write!(
            out,
            "<code>{}</code>",
            esc(&r.accept_command(&f.id, &v.display))
        );
    }
    let _ = writeln!(
        out,
        "<code>{}</code></details>",
        esc(&r.dismiss_command(&f.id))
    );
}

fn documents_html(out: &mut String, docs: &[(usize, &str, Option<&DocSummary>)], run: &RunResult) {
    out.push_str("<section id=\"documents\"><h2>Documents</h2>\n");
    out.push_str("<p class=\"legend\">Highlighted: <mark class=\"money\">money</mark><mark class=\"date\">date</mark><mark class=\"percent\">percent</mark><mark class=\"quantity\">quantity</mark><mark class=\"entity\">entity</mark> (hover a mark for its value)</p>\n");
    let mut listed = 0usize;
    for (i, name, doc) in docs {
        match doc {
            Some(d) if d.text.is_none() && listed >= MAX_DOCUMENTS_LISTED => {}
            Some(d) => {
                listed += 1;
                let date = match (&d.date, &d.date_from) {
                    (Some(x), Some(from)) => format!("{x} ({from})"),
                    (Some(x), None) => x.to_string(),
                    (None, Some(why)) => format!("no date: {why}"),
                    (None, None) => "no date found".into(),
                };
                let mut about = Vec::new();
                if let Some(m) = &d.meta {
                    if let Some(src) = &m.source {
                        about.push(esc(src));
                    }
                    if let Some(t) = &m.title {
                        about.push(format!("“{}”", esc(t)));
                    }
                    // As text, not a link: the page loads and links to
                    // nothing outside itself, and an address from a dump
                    // may be anything ("javascript:…").
                    if let Some(u) = &m.url {
                        about.push(format!("<span class=\"url\">{}</span>", esc(u)));
                    }
                }
                about.push(esc(&date));
                let _ = writeln!(
                    out,
                    "<article class=\"doc\" id=\"doc-{i}\"><h3>{}</h3><div class=\"muted\">{} · {} mentions · {} claims</div>",
                    esc(name),
                    about.join(" · "),
                    d.mentions,
                    d.claims
                );
                match &d.text {
                    Some(k) => {
                        out.push_str("<pre>");
                        out.push_str(&highlight(
                            &k.text,
                            0,
                            k.text.len(),
                            &k.mentions,
                            None,
                            Some(*i),
                        ));
                        out.push_str("</pre>");
                    }
                    None => out.push_str(&format!(
                        "<p class=\"muted\">Text not embedded: the report holds at most {} MB of article text.</p>",
                        RunOptions::default().keep_text >> 20
                    )),
                }
                out.push_str("</article>\n");
            }
            None => {
                let reason = run
                    .documents
                    .get(*i)
                    .and_then(|d| d.result.as_ref().err())
                    .map_or("", String::as_str);
                let _ = writeln!(
                    out,
                    "<article class=\"doc\" id=\"doc-{i}\"><h3>{}</h3><p class=\"skipped\">skipped: {}</p></article>",
                    esc(name),
                    esc(reason)
                );
            }
        }
    }
    let processed = docs.iter().filter(|d| d.2.is_some()).count();
    if let Some(m) = more(processed, listed, "processed documents") {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(&m));
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
