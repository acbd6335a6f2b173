#include "adapters/reply_text.h"

namespace kneebot {

namespace {

// The largest cut <= limit that does not split a UTF-8 sequence.
size_t Utf8Boundary(std::string_view text, size_t limit) {
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return cut;
}

}  // namespace

std::vector<std::string> SplitAtLimit(std::string_view text, size_t limit) {
  std::vector<std::string> parts;
  if (limit == 0) return parts;
  while (text.size() > limit) {
    std::string_view head = text.substr(0, limit + 1);
    size_t cut = std::string_view::npos;
    for (std::string_view sep : {"\n\n", "\n", " "}) {
      const size_t at = head.rfind(sep);
      if (at != std::string_view::npos && at > 0) {
        cut = at;
        break;
      }
    }
    if (cut == std::string_view::npos) cut = Utf8Boundary(text, limit);
    if (cut == 0) cut = limit;  // a single over-long sequence: cut anyway
    parts.emplace_back(text.substr(0, cut));
    text.remove_prefix(cut);
    while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.remove_prefix(1);
  }
  if (!text.empty()) parts.emplace_back(text);
  return parts;
}

std::string JoinMessages(const Reply& reply) {
  std::string out;
  for (const std::string& m : reply.messages) {
    if (!out.empty()) out += "\n\n";
    out += m;
  }
  return out;
}

std::string NumberedOptions(const std::vector<QuickReply>& options) {
  std::string out;
  for (size_t i = 0; i < options.size(); ++i) {
    if (!out.empty()) out += "\n";
    out += std::to_string(i + 1) + ". " + options[i].title;
  }
  return out;
}

}  // namespace kneebot
