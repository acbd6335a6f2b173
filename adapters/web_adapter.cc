#include "adapters/web_adapter.h"
#include "adapters/text_checks.h"

#include <nlohmann/json.hpp>
#include <utility>

namespace kneebot {
namespace {

using nlohmann::json;

ProtocolError BadFrame(std::string message,
                       std::optional<std::string> reply_to) {
  return ProtocolError{ProtocolErrorCode::kBadFrame, std::move(message),
                       std::move(reply_to)};
}

// Reads optional string field `name` of `frame` into *out. Absent or null
// leaves *out untouched. Returns false for any other type or a value over
// `max_bytes`.
bool OptionalString(const json& frame, const char* name, size_t max_bytes,
                    std::string* out, std::string* problem) {
  auto it = frame.find(name);
  if (it == frame.end() || it->is_null()) return true;
  if (!it->is_string()) {
    *problem = std::string("'") + name + "' must be a string";
    return false;
  }
  const auto& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes) {
    *problem = std::string("'") + name + "' is longer than " +
               std::to_string(max_bytes) + " bytes";
    return false;
  }
  *out = s;
  return true;
}

// Serialization never throws: strings that are not valid UTF-8 (which only
// content could introduce) are repaired with U+FFFD instead of failing the
// frame.
std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string_view ProtocolErrorName(ProtocolErrorCode code) {
  switch (code) {
    case ProtocolErrorCode::kBadJson:
      return "bad_json";
    case ProtocolErrorCode::kBadFrame:
      return "bad_frame";
    case ProtocolErrorCode::kTooLarge:
      return "too_large";
    case ProtocolErrorCode::kRateLimited:
      return "rate_limited";
    case ProtocolErrorCode::kInternal:
      break;
  }
  return "internal";
}

bool WebAdapter::ParseFrame(std::string_view frame, Activity* out,
                            ProtocolError* error) const {
  // Untrusted input: parse with exceptions off, then check every field's type.
  json j = json::parse(frame, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    *error = ProtocolError{ProtocolErrorCode::kBadJson,
                           "frame is not valid JSON", std::nullopt};
    return false;
  }
  if (!j.is_object()) {
    *error = BadFrame("frame must be a JSON object", std::nullopt);
    return false;
  }

  Activity a;
  a.channel_id = std::string(kChannelId);
  std::string problem;
  if (!OptionalString(j, "id", options_.max_id_bytes, &a.id, &problem)) {
    // The id itself is unreadable, so the error cannot name it.
    *error = BadFrame(problem, std::nullopt);
    return false;
  }
  std::optional<std::string> reply_to;
  if (!a.id.empty()) reply_to = a.id;

  auto type_it = j.find("type");
  if (type_it == j.end() || !type_it->is_string()) {
    *error = BadFrame("'type' must be a string: hello, message or restart",
                      reply_to);
    return false;
  }
  const auto& type = type_it->get_ref<const std::string&>();

  if (type == "hello") {
    a.type = ActivityType::kHello;
    if (!OptionalString(j, "session", options_.max_id_bytes, &a.session_id,
                        &problem) ||
        !OptionalString(j, "locale", options_.max_id_bytes, &a.locale,
                        &problem)) {
      *error = BadFrame(problem, reply_to);
      return false;
    }
    if (a.locale.empty()) a.locale = "en";
  } else if (type == "message") {
    a.type = ActivityType::kMessage;
    auto text_it = j.find("text");
    if (text_it == j.end() || text_it->is_null()) {
      *error = BadFrame("'text' is required in a message", reply_to);
      return false;
    }
    if (!text_it->is_string()) {
      *error = BadFrame("'text' must be a string", reply_to);
      return false;
    }
    const auto& text = text_it->get_ref<const std::string&>();
    if (IsBlank(text)) {
      *error = BadFrame("'text' is empty", reply_to);
      return false;
    }
    if (CodePoints(text) > options_.max_text_chars) {
      *error =
          BadFrame("'text' is longer than " +
                       std::to_string(options_.max_text_chars) + " characters",
                   reply_to);
      return false;
    }
    a.text = text;
  } else if (type == "restart") {
    a.type = ActivityType::kRestart;
  } else {
    // Never echo the unknown value: it is client-controlled and could be
    // anything.
    *error = BadFrame("unknown 'type': expected hello, message or restart",
                      reply_to);
    return false;
  }
  *out = std::move(a);
  return true;
}

std::string WebAdapter::RenderReply(const Reply& reply,
                                    std::string_view reply_to) {
  json messages = json::array();
  for (const auto& text : reply.messages) messages.push_back({{"text", text}});
  json quick_replies = json::array();
  for (const auto& q : reply.quick_replies) {
    quick_replies.push_back({{"title", q.title}, {"payload", q.payload}});
  }
  json conditions = json::array();
  for (const auto& c : reply.conditions) {
    conditions.push_back({{"id", c.id}, {"name", c.name}, {"why", c.why}});
  }
  json triage = nullptr;
  if (reply.triage) {
    triage = {{"level", std::string(TriageName(reply.triage->level))},
              {"reasons", reply.triage->reasons}};
  }
  json frame = {
      {"type", "reply"},
      {"reply_to",
       reply_to.empty() ? json(nullptr) : json(std::string(reply_to))},
      {"session", reply.session_id},
      {"messages", std::move(messages)},
      {"quick_replies", std::move(quick_replies)},
      {"expecting",
       reply.expecting.empty() ? json(nullptr) : json(reply.expecting)},
      {"triage", std::move(triage)},
      {"conditions", std::move(conditions)},
      {"ended", reply.ended},
  };
  // Optional fields (protocol.md v1.1 `scope`; `asks`, the slots a checklist screens).
  if (reply.scope != Scope::kUnset) frame["scope"] = std::string(ScopeName(reply.scope));
  if (!reply.asks.empty()) frame["asks"] = reply.asks;
  return Dump(frame);
}

std::string WebAdapter::RenderError(const ProtocolError& error) {
  json frame = {
      {"type", "error"},
      {"reply_to", error.reply_to ? json(*error.reply_to) : json(nullptr)},
      {"code", std::string(ProtocolErrorName(error.code))},
      {"message", error.message},
  };
  return Dump(frame);
}

Status WebAdapter::Parse(const InboundPayload& in, Activity* out) const {
  ProtocolError error;
  if (ParseFrame(in.body, out, &error)) return Status::OK();
  return Status::InvalidArgument(std::string(ProtocolErrorName(error.code)) +
                                 ": " + error.message);
}

OutboundPayload WebAdapter::Render(const Reply& reply,
                                   const Activity& in) const {
  return OutboundPayload{200, "application/json", RenderReply(reply, in.id)};
}

}  // namespace kneebot
