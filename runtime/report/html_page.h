#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace verdict {

// How loud a banner is: a fact, something to look at, or a finding that
// makes the page untrustworthy (printed in red, above everything else).
enum class BannerKind { Ok, Warning, Alarm };

// One self-contained HTML5 page for a report (the explanation of a decision,
// and later backtests and drift): its stylesheet is inline and it names no
// external resource (no network, fonts, scripts or images), so it can be
// mailed, archived and printed as one file.
//
// Text arguments (`title`, `subtitle`, `heading`, `footer`, banner `text`)
// are plain text, escaped here; `body_html` is markup the caller built,
// with every piece of user data in it already escaped (html_escape).
class HtmlPage {
 public:
  explicit HtmlPage(std::string title) : title_(std::move(title)) {}

  void subtitle(std::string text) { subtitle_ = std::move(text); }
  // Banners show between the title and the first section, in the order added.
  void banner(BannerKind kind, std::string_view text);
  // A section with an anchor `id` (letters, digits, '-'), in the order added.
  void section(std::string_view id, std::string_view heading, std::string body_html);
  void footer(std::string text) { footer_ = std::move(text); }

  std::string render() const;

 private:
  std::string title_, subtitle_, footer_;
  std::vector<std::string> banners_, sections_;
};

// The report stylesheet (CSS) every HtmlPage inlines: also the contract of
// the classes the builders below and the charts use.
std::string_view report_stylesheet();

// `<tag class="css_class">inner_html</tag>` (no class attribute when empty).
std::string html_element(std::string_view tag, std::string_view css_class, std::string_view inner_html);

}  // namespace verdict
