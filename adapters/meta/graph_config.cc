#include "adapters/meta/graph_config.h"

#include <cctype>

#include "adapters/meta/meta_webhook.h"

namespace kneebot::meta {
namespace {

bool Unreserved(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == '~';
}

}  // namespace

Status GraphApiUrl(std::string_view channel, const std::map<std::string, std::string>& values,
                   std::string* out) {
  auto it = values.find("KNEEBOT_GRAPH_API_URL");
  std::string url = it == values.end() ? std::string(kDefaultGraphApiUrl) : it->second;
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
    return Status::InvalidArgument(std::string(channel) +
                                   " channel: KNEEBOT_GRAPH_API_URL must start with "
                                   "https:// (or http:// for a local test server)");
  }
  *out = std::move(url);
  return Status::OK();
}

bool IsPathSafeId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

std::string QueryEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    if (Unreserved(c)) {
      out += c;
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return out;
}

}  // namespace kneebot::meta
