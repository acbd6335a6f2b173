#include "adapters/telegram/telegram_update.h"

#include <nlohmann/json.hpp>

namespace kneebot {

namespace {

using nlohmann::json;

std::optional<int64_t> Int(const json& obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

const json* Field(const json& obj, const char* key, json::value_t type) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end() || it->type() != type) return nullptr;
  return &*it;
}

// message.chat.id (a callback's message may be an InaccessibleMessage: it has a chat too).
std::optional<int64_t> ChatId(const json* message) {
  if (message == nullptr) return std::nullopt;
  const json* chat = Field(*message, "chat", json::value_t::object);
  return chat == nullptr ? std::nullopt : Int(*chat, "id");
}

}  // namespace

Status ParseTelegramUpdate(std::string_view body, TelegramUpdate* out) {
  const json update = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!update.is_object()) return Status::InvalidArgument("the body is not a JSON object");
  std::optional<int64_t> update_id = Int(update, "update_id");
  if (!update_id) return Status::InvalidArgument("the body is no Update: no integer update_id");

  TelegramUpdate u;
  u.update_id = *update_id;
  if (const json* message = Field(update, "message", json::value_t::object)) {
    const json* text = Field(*message, "text", json::value_t::string);
    u.chat_id = ChatId(message);
    if (text != nullptr && u.chat_id) {
      u.kind = TelegramUpdate::Kind::kText;
      u.text = text->get<std::string>();
    }
  } else if (const json* query = Field(update, "callback_query", json::value_t::object)) {
    const json* id = Field(*query, "id", json::value_t::string);
    if (id != nullptr) {
      // Even a press with no data or no chat gets answerCallbackQuery: the person's
      // client shows a spinner until then.
      u.kind = TelegramUpdate::Kind::kCallback;
      u.callback_query_id = id->get<std::string>();
      u.chat_id = ChatId(Field(*query, "message", json::value_t::object));
      if (const json* data = Field(*query, "data", json::value_t::string)) {
        u.text = data->get<std::string>();
      }
    }
  }
  *out = std::move(u);
  return Status::OK();
}

}  // namespace kneebot
