#include "runtime/report/html_page.h"

#include "runtime/report/html_escape.h"

namespace verdict {
namespace {

// System fonts only (no web font is fetched); tabular figures for numbers;
// colours kept when printed (print-color-adjust) so status colours survive.
constexpr std::string_view kStylesheet = R"CSS(
:root { --ink: #1f2933; --muted: #616e7c; --rule: #d9dee3; --panel: #f5f7fa; --accent: #1d4ed8;
  --good: #15803d; --bad: #b91c1c; --warn: #a16207; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1040px; padding: 32px 40px 48px; color: var(--ink); background: #fff;
  font: 14px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif; }
header.page { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 20px; }
header.page h1 { font-size: 24px; margin: 0; letter-spacing: -0.01em; }
header.page p { margin: 4px 0 0; color: var(--muted); }
section { margin: 0 0 28px; }
h2 { font-size: 16px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
  border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule); }
th { font-weight: 600; font-size: 12px; color: var(--muted); background: var(--panel); }
tr.highlight td { background: #f3fbf6; }
tr.caution td { background: #fffbeb; }
td.num, th.num { text-align: right; white-space: nowrap; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12px; }
pre { margin: 4px 0 0; padding: 6px 8px; background: var(--panel); border-left: 3px solid var(--rule);
  white-space: pre-wrap; word-break: break-word; }
.banner { padding: 10px 14px; margin: 0 0 12px; border-radius: 4px; font-weight: 600; }
.banner.ok { background: #ecfdf3; color: var(--good); border: 1px solid #a7f3c4; }
.banner.warning { background: #fffbeb; color: var(--warn); border: 1px solid #fde68a; }
.banner.alarm { background: #fef2f2; color: var(--bad); border: 2px solid var(--bad); font-size: 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
dl.facts + table, dl.facts + p { margin-top: 12px; }
td.mono { word-break: break-all; }
h3 { font-size: 13px; margin: 16px 0 8px; }
.pill { display: inline-block; white-space: nowrap; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
  background: var(--panel); border: 1px solid var(--rule); }
.pill.good { color: var(--good); border-color: #a7f3c4; background: #ecfdf3; }
.pill.bad { color: var(--bad); border-color: #fecaca; background: #fef2f2; }
.pill.warn { color: var(--warn); border-color: #fde68a; background: #fffbeb; }
.outcome { font-size: 28px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; }
.muted { color: var(--muted); }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font-family: inherit; font-size: 12px; fill: var(--ink); }
svg.chart .axis { stroke: var(--rule); }
svg.chart .up { fill: #16a34a; } svg.chart .down { fill: #dc2626; }
svg.chart .base { fill: #94a3b8; } svg.chart .total { fill: var(--accent); }
svg.chart .link { stroke: var(--muted); stroke-dasharray: 2 2; }
footer.page { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
@media print { body { padding: 0; max-width: none; font-size: 11px; } section { break-inside: avoid-page; }
  tr, pre { break-inside: avoid; } a { color: inherit; text-decoration: none; } }
)CSS";

std::string_view banner_class(BannerKind kind) {
  switch (kind) {
    case BannerKind::Ok: return "banner ok";
    case BannerKind::Warning: return "banner warning";
    case BannerKind::Alarm: return "banner alarm";
  }
  return "banner";
}

}  // namespace

std::string_view report_stylesheet() { return kStylesheet; }

std::string html_element(std::string_view tag, std::string_view css_class, std::string_view inner_html) {
  std::string out = "<" + std::string(tag);
  if (!css_class.empty()) out += " class=\"" + html_escape(css_class) + "\"";
  return out + ">" + std::string(inner_html) + "</" + std::string(tag) + ">";
}

void HtmlPage::banner(BannerKind kind, std::string_view text) {
  banners_.push_back("<div class=\"" + std::string(banner_class(kind)) + "\" role=\"" +
                     (kind == BannerKind::Alarm ? "alert" : "status") + "\">" + html_escape(text) + "</div>\n");
}

void HtmlPage::section(std::string_view id, std::string_view heading, std::string body_html) {
  sections_.push_back("<section id=\"" + html_escape(id) + "\">\n<h2>" + html_escape(heading) + "</h2>\n" +
                      std::move(body_html) + "\n</section>\n");
}

std::string HtmlPage::render() const {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<title>" +
      html_escape(title_) + "</title>\n<style>" + std::string(kStylesheet) + "</style>\n</head>\n<body>\n";
  out += "<header class=\"page\"><h1>" + html_escape(title_) + "</h1>";
  if (!subtitle_.empty()) out += "<p>" + html_escape(subtitle_) + "</p>";
  out += "</header>\n";
  for (const std::string& b : banners_) out += b;
  for (const std::string& s : sections_) out += s;
  if (!footer_.empty()) out += "<footer class=\"page\">" + html_escape(footer_) + "</footer>\n";
  return out + "</body>\n</html>\n";
}

}  // namespace verdict
