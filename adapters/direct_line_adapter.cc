#include "adapters/direct_line_adapter.h"
#include "adapters/text_checks.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace kneebot {
namespace {

using nlohmann::json;

// The string at `key` of object `j`, or nullptr when absent, null or not a
// string.
const std::string* StringField(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
}

// `key` is absent, null or a string.
bool OptionalStringOk(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() || it->is_string();
}

// What a tapped action carries: Web Chat sends imBack as text, postBack as
// text + value, messageBack as text + value (+ displayText). The machine value
// wins over the display text; nullptr when there is none.
const std::string* ActionValue(const json& activity) {
  auto it = activity.find("value");
  if (it == activity.end()) return nullptr;
  if (it->is_string()) return &it->get_ref<const std::string&>();
  if (it->is_object()) return StringField(*it, "payload");
  return nullptr;
}

}  // namespace

Status DirectLineAdapter::ReadActivity(const json& posted, Activity* out,
                                       bool* run_turn) const {
  *run_turn = false;
  if (!posted.is_object()) {
    return Status::InvalidArgument("activity must be a JSON object");
  }
  const std::string* type = StringField(posted, "type");
  if (type == nullptr || type->empty()) {
    return Status::InvalidArgument("'type' must be a non-empty string");
  }
  if (!OptionalStringOk(posted, "locale") ||
      !OptionalStringOk(posted, "text")) {
    return Status::InvalidArgument("'locale' and 'text' must be strings");
  }
  if (auto from = posted.find("from");
      from != posted.end() && !from->is_null() && !from->is_object()) {
    return Status::InvalidArgument("'from' must be an object");
  }

  Activity a;
  a.channel_id = std::string(kChannelId);
  if (const std::string* locale = StringField(posted, "locale");
      locale != nullptr && !locale->empty()) {
    if (locale->size() > options_.max_locale_bytes) {
      return Status::InvalidArgument("'locale' is too long");
    }
    a.locale = *locale;
  }

  if (*type == "message") {
    const std::string* text = ActionValue(posted);
    if (text == nullptr || IsBlank(*text)) text = StringField(posted, "text");
    if (text == nullptr || IsBlank(*text)) {
      return Status::InvalidArgument(
          "a message needs a non-empty 'text' (or a string 'value')");
    }
    if (CodePoints(*text) > options_.max_text_chars) {
      return Status::InvalidArgument(
          "'text' is longer than " + std::to_string(options_.max_text_chars) +
          " characters");
    }
    a.type = ActivityType::kMessage;
    a.text = *text;
  } else if (*type == "conversationUpdate") {
    a.type = ActivityType::kHello;
  } else if (*type == "event") {
    const std::string* name = StringField(posted, "name");
    if (name != nullptr && *name == "webchat/join") {
      a.type = ActivityType::kHello;
    } else if (name != nullptr && *name == "restart") {
      a.type = ActivityType::kRestart;
    } else {
      return Status::OK();  // recorded, no turn
    }
  } else {
    return Status::OK();  // typing, endOfConversation, ...: recorded, no turn
  }
  *out = std::move(a);
  *run_turn = true;
  return Status::OK();
}

std::vector<json> DirectLineAdapter::RenderActivities(const Reply& reply,
                                                      const Context& context) {
  std::vector<std::string> bubbles = reply.messages;
  bool has_extra = !reply.quick_replies.empty() || reply.triage.has_value() ||
                   !reply.conditions.empty();
  if (bubbles.empty() && has_extra) bubbles.emplace_back();
  std::vector<json> out;
  out.reserve(bubbles.size());
  for (size_t i = 0; i < bubbles.size(); ++i) {
    json a = {
        {"type", "message"},
        {"channelId", std::string(kChannelId)},
        {"from",
         {{"id", std::string(kBotId)},
          {"name", std::string(kBotName)},
          {"role", "bot"}}},
        {"text", std::move(bubbles[i])},
        // Bot text is plain (protocol.md): no markdown rendering of "*" etc.
        {"textFormat", "plain"},
    };
    if (!context.conversation_id.empty()) {
      a["conversation"] = {{"id", context.conversation_id}};
    }
    if (!context.user_id.empty()) {
      a["recipient"] = {{"id", context.user_id}, {"role", "user"}};
    }
    if (!context.reply_to_id.empty()) a["replyToId"] = context.reply_to_id;
    if (!context.locale.empty()) a["locale"] = context.locale;
    if (i + 1 == bubbles.size()) {
      a["inputHint"] = reply.expecting.empty() ? "acceptingInput"
                                               : "expectingInput";
      if (!reply.quick_replies.empty()) {
        json actions = json::array();
        for (const auto& q : reply.quick_replies) {
          // messageBack, not imBack: Web Chat then shows the title as what the
          // person said, while the payload travels in `value` for the matcher.
          actions.push_back({{"type", "messageBack"},
                             {"title", q.title},
                             {"text", q.title},
                             {"displayText", q.title},
                             {"value", q.payload}});
        }
        a["suggestedActions"] = {{"actions", std::move(actions)}};
      }
      json triage = nullptr;
      if (reply.triage) {
        triage = {{"level", std::string(TriageName(reply.triage->level))},
                  {"reasons", reply.triage->reasons}};
      }
      json conditions = json::array();
      for (const auto& c : reply.conditions) {
        conditions.push_back({{"id", c.id}, {"name", c.name}, {"why", c.why}});
      }
      a["channelData"] = {
          {"kneebot",
           {{"triage", std::move(triage)},
            {"conditions", std::move(conditions)},
            {"expecting", reply.expecting.empty() ? json(nullptr)
                                                  : json(reply.expecting)},
            {"ended", reply.ended}}}};
      json& kb = a["channelData"]["kneebot"];
      if (reply.scope != Scope::kUnset) kb["scope"] = std::string(ScopeName(reply.scope));
      if (!reply.asks.empty()) kb["asks"] = reply.asks;
    }
    out.push_back(std::move(a));
  }
  return out;
}

Status DirectLineAdapter::Parse(const InboundPayload& in, Activity* out) const {
  json j = json::parse(in.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("body is not JSON");
  bool run_turn = false;
  Status s = ReadActivity(j, out, &run_turn);
  if (!s.ok()) return s;
  if (!run_turn) return Status::NotFound("activity asks for no turn");
  return Status::OK();
}

OutboundPayload DirectLineAdapter::Render(const Reply& reply,
                                          const Activity& in) const {
  Context context;
  context.reply_to_id = in.id;
  json activities = json::array();
  for (auto& a : RenderActivities(reply, context)) {
    activities.push_back(std::move(a));
  }
  json set = {{"activities", std::move(activities)}};
  return OutboundPayload{
      200, "application/json",
      set.dump(-1, ' ', false, json::error_handler_t::replace)};
}

}  // namespace kneebot
