#include "adapters/meta/option_title.h"

#include <set>

namespace kneebot::meta {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026, one character

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset just past the first `chars` characters of `text` (or its size).
size_t PrefixBytes(std::string_view text, size_t chars) {
  size_t i = 0;
  size_t seen = 0;
  while (i < text.size()) {
    if (!IsContinuation(text[i])) {
      if (seen == chars) return i;
      ++seen;
    }
    ++i;
  }
  return text.size();
}

}  // namespace

size_t Utf8Length(std::string_view text) {
  size_t n = 0;
  for (char c : text) n += IsContinuation(c) ? 0 : 1;
  return n;
}

std::string FitOptionTitle(std::string_view title, size_t max_chars) {
  if (Utf8Length(title) <= max_chars) return std::string(title);
  if (max_chars == 0) return "";
  std::string_view head = title.substr(0, PrefixBytes(title, max_chars - 1));
  // Cut at a word break when it keeps most of the room ("Inner side, just below…"
  // reads better than "Inner side, just below t…"), else mid-word: "Nothing in
  // particul…" says more than "Nothing in…".
  const size_t space = head.rfind(' ');
  if (space != std::string_view::npos &&
      Utf8Length(head.substr(0, space)) * 3 >= Utf8Length(head) * 2) {
    head = head.substr(0, space);
  }
  while (!head.empty() && (head.back() == ' ' || head.back() == ',')) head.remove_suffix(1);
  return std::string(head) + std::string(kEllipsis);
}

bool FittedTitlesDistinct(const std::vector<QuickReply>& options, size_t max_chars) {
  std::set<std::string> seen;
  for (const QuickReply& q : options) {
    if (!seen.insert(FitOptionTitle(q.title, max_chars)).second) return false;
  }
  return true;
}

}  // namespace kneebot::meta
