#include "adapters/outbound/url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace kneebot {

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsIpv6(const std::string& host) {
  in6_addr a;
  return inet_pton(AF_INET6, host.c_str(), &a) == 1;
}

}  // namespace

std::string Url::HostHeader() const {
  std::string h = IsIpv6(host) ? "[" + host + "]" : host;
  if (port != (tls ? "443" : "80")) h += ":" + port;
  return h;
}

std::string Url::Origin() const {
  return std::string(tls ? "https://" : "http://") + (IsIpv6(host) ? "[" + host + "]" : host) +
         ":" + port;
}

bool Url::IsLoopback() const {
  if (host == "localhost" || host == "::1") return true;
  in_addr a;
  return inet_pton(AF_INET, host.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

Status ParseUrl(std::string_view text, Url* out) {
  Url u;
  if (text.starts_with("https://")) {
    u.tls = true;
    text.remove_prefix(8);
  } else if (text.starts_with("http://")) {
    text.remove_prefix(7);
  } else {
    return Status::InvalidArgument("outbound URL must start with https:// or http://");
  }
  if (text.find('#') != std::string_view::npos) {
    return Status::InvalidArgument("outbound URL must have no fragment");
  }
  const size_t slash = std::min(text.find('/'), text.find('?'));
  std::string_view authority = text.substr(0, slash);
  u.target = slash == std::string_view::npos ? "/" : std::string(text.substr(slash));
  if (u.target.front() == '?') u.target = "/" + u.target;
  if (authority.find('@') != std::string_view::npos) {
    return Status::InvalidArgument("outbound URL must have no user info");
  }
  std::string_view port;
  if (authority.starts_with("[")) {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument("outbound URL: bad IPv6 host");
    u.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return Status::InvalidArgument("outbound URL: bad port");
      port = rest.substr(1);
    }
  } else {
    const size_t colon = authority.rfind(':');
    u.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (u.host.empty()) return Status::InvalidArgument("outbound URL has no host");
  for (char c : u.host) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '/' || c == '\\') {
      return Status::InvalidArgument("outbound URL: bad host");
    }
  }
  if (port.empty()) {
    u.port = u.tls ? "443" : "80";
  } else {
    if (!AllDigits(port) || port.size() > 5 || std::stoi(std::string(port)) == 0 ||
        std::stoi(std::string(port)) > 65535) {
      return Status::InvalidArgument("outbound URL: bad port");
    }
    u.port = std::string(port);
  }
  for (char c : u.target) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return Status::InvalidArgument("outbound URL: the path must be encoded");
    }
  }
  *out = std::move(u);
  return Status::OK();
}

}  // namespace kneebot
