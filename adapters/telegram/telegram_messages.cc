#include "adapters/telegram/telegram_messages.h"

#include <algorithm>

#include "adapters/reply_text.h"

namespace kneebot {

namespace {

using nlohmann::json;

// Two such titles fit side by side on a phone.
constexpr size_t kShortTitle = 18;

bool FitsCallbackData(const std::string& s) {
  return !s.empty() && s.size() <= kTelegramCallbackDataLimit;
}

}  // namespace

std::string TelegramCallbackData(const QuickReply& option) {
  if (FitsCallbackData(option.payload)) return option.payload;
  if (FitsCallbackData(option.title)) return option.title;
  return "";
}

json TelegramInlineKeyboard(const std::vector<QuickReply>& options) {
  json buttons = json::array();
  for (const QuickReply& q : options) {
    std::string data = TelegramCallbackData(q);
    if (data.empty() || q.title.empty()) continue;
    buttons.push_back({{"text", q.title}, {"callback_data", std::move(data)}});
  }
  if (buttons.empty()) return nullptr;
  const bool short_titles = std::all_of(buttons.begin(), buttons.end(), [](const json& b) {
    return b["text"].get_ref<const std::string&>().size() <= kShortTitle;
  });
  const size_t per_row = short_titles ? 2 : 1;
  json rows = json::array();
  for (size_t i = 0; i < buttons.size(); i += per_row) {
    json row = json::array();
    for (size_t j = i; j < std::min(i + per_row, buttons.size()); ++j) row.push_back(buttons[j]);
    rows.push_back(std::move(row));
  }
  return {{"inline_keyboard", std::move(rows)}};
}

std::vector<json> TelegramMessages(int64_t chat_id, const Reply& reply) {
  json keyboard = TelegramInlineKeyboard(reply.quick_replies);
  std::string text = JoinMessages(reply);
  if (text.empty() && !keyboard.is_null()) text = NumberedOptions(reply.quick_replies);
  std::vector<json> out;
  for (std::string& part : SplitAtLimit(text, kTelegramTextLimit)) {
    out.push_back({{"chat_id", chat_id}, {"text", std::move(part)}});
  }
  if (!out.empty() && !keyboard.is_null()) out.back()["reply_markup"] = std::move(keyboard);
  return out;
}

}  // namespace kneebot
