#include "adapters/meta/graph_send.h"

#include <spdlog/spdlog.h>

namespace kneebot::meta {
namespace {

// Graph's error body is {"error": {"message", "type", "code", "error_subcode", ...}}.
// Only the numbers are kept: the message may quote what was sent.
std::string GraphErrorCodes(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return "none";
  const nlohmann::json& e = j["error"];
  std::string out;
  for (const char* field : {"code", "error_subcode"}) {
    if (e.contains(field) && e[field].is_number_integer()) {
      if (!out.empty()) out += "/";
      out += std::to_string(e[field].get<long long>());
    }
  }
  return out.empty() ? "none" : out;
}

}  // namespace

Status GraphSend::PostAll(const std::vector<nlohmann::json>& messages) const {
  for (size_t i = 0; i < messages.size(); ++i) {
    OutboundHttp::Response response;
    // Invalid UTF-8 (none expected) is replaced rather than thrown on a worker thread.
    const std::string body =
        messages[i].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    Status s = http->Post(url, headers, "application/json", body, &response);
    if (!s.ok()) {
      spdlog::warn("{}: reply part {}/{} not sent: no response ({})", channel, i + 1,
                   messages.size(), s.code() == Status::Code::kUnavailable ? "unavailable"
                                                                          : "error");
      return s;
    }
    if (response.status < 200 || response.status >= 300) {
      spdlog::warn("{}: reply part {}/{} refused: HTTP {}, graph error {}", channel, i + 1,
                   messages.size(), response.status, GraphErrorCodes(response.body));
      return Status::Unavailable(channel + ": the Graph API refused the reply (HTTP " +
                                 std::to_string(response.status) + ")");
    }
  }
  return Status::OK();
}

}  // namespace kneebot::meta
