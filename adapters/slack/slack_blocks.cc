#include "adapters/slack/slack_blocks.h"

#include <algorithm>

#include "adapters/reply_text.h"

namespace kneebot {
namespace {

using nlohmann::json;

// Escaping can make a piece up to five times longer ("&" -> "&amp;"): a piece that
// outgrows the section limit is cut again at a fifth of it, which always fits.
constexpr size_t kWorstEscapeGrowth = 5;

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// At most `limit` characters (code points), the last one an ellipsis when cut.
std::string TruncateChars(std::string_view text, size_t limit) {
  size_t chars = 0;
  size_t cut = text.size();
  size_t keep_end = 0;  // byte end of the first limit-1 characters
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsUtf8Continuation(text[i])) continue;
    if (chars == limit - 1) keep_end = i;
    if (chars == limit) {
      cut = i;
      break;
    }
    ++chars;
  }
  if (cut == text.size()) return std::string(text);
  return std::string(text.substr(0, keep_end)) + "\xE2\x80\xA6";  // U+2026
}

void AppendSections(std::string_view bubble, std::vector<std::string>* out) {
  for (const std::string& piece : SplitAtLimit(bubble, kSlackSectionLimit)) {
    std::string escaped = SlackEscape(piece);
    if (escaped.size() <= kSlackSectionLimit) {
      out->push_back(std::move(escaped));
      continue;
    }
    for (const std::string& smaller :
         SplitAtLimit(piece, kSlackSectionLimit / kWorstEscapeGrowth)) {
      out->push_back(SlackEscape(smaller));
    }
  }
}

json Section(const std::string& mrkdwn) {
  return {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", mrkdwn}}}};
}

std::vector<json> ActionBlocks(const std::vector<QuickReply>& options) {
  std::vector<json> blocks;
  json elements = json::array();
  for (size_t i = 0; i < options.size(); ++i) {
    const QuickReply& q = options[i];
    // A value Slack would refuse would lose the whole message; an option that long is
    // a content error, and the others still work without it.
    if (q.payload.size() > kSlackButtonValueLimit) continue;
    // action_id: unique within the block, and never read back (the value is the payload).
    elements.push_back({{"type", "button"},
                        {"text", {{"type", "plain_text"},
                                  {"text", TruncateChars(q.title, kSlackButtonTextLimit)}}},
                        {"action_id", "kneebot_option_" + std::to_string(i + 1)},
                        {"value", q.payload}});
    if (elements.size() == kSlackButtonsPerBlock) {
      blocks.push_back({{"type", "actions"}, {"elements", std::move(elements)}});
      elements = json::array();
    }
  }
  if (!elements.empty()) blocks.push_back({{"type", "actions"}, {"elements", std::move(elements)}});
  return blocks;
}

}  // namespace

std::string SlackEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<json> SlackMessages(const Reply& reply, std::string_view channel,
                                std::string_view thread_ts) {
  std::vector<std::string> sections;
  for (const std::string& bubble : reply.messages) {
    if (!bubble.empty()) AppendSections(bubble, &sections);
  }
  std::vector<json> blocks;
  for (const std::string& s : sections) blocks.push_back(Section(s));
  const size_t section_blocks = blocks.size();
  for (json& b : ActionBlocks(reply.quick_replies)) blocks.push_back(std::move(b));

  std::vector<json> messages;
  for (size_t start = 0; start < blocks.size(); start += kSlackBlocksPerMessage) {
    const size_t end = std::min(blocks.size(), start + kSlackBlocksPerMessage);
    // The top-level text is what notifications and screen readers show: this message's
    // sections, or the options when it has only buttons.
    std::string text;
    for (size_t i = start; i < std::min(end, section_blocks); ++i) {
      if (!text.empty()) text += "\n\n";
      text += sections[i];
    }
    if (text.empty()) text = SlackEscape(NumberedOptions(reply.quick_replies));
    json message = {{"channel", std::string(channel)}, {"text", std::move(text)}};
    if (!thread_ts.empty()) message["thread_ts"] = std::string(thread_ts);
    json chunk = json::array();
    for (size_t i = start; i < end; ++i) chunk.push_back(std::move(blocks[i]));
    message["blocks"] = std::move(chunk);
    messages.push_back(std::move(message));
  }
  return messages;
}

}  // namespace kneebot
