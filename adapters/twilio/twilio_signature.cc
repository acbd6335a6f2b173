#include "adapters/twilio/twilio_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <map>
#include <set>

namespace kneebot {
namespace {

// Where the host and port of "scheme://[user@]host[:port]/path?query" are.
struct Authority {
  size_t host_begin = std::string_view::npos;  // npos: not a URL we can take apart
  size_t port_colon = std::string_view::npos;  // npos: no port
  size_t end = 0;                              // the '/', '?' or end after the authority
};

Authority FindAuthority(std::string_view url) {
  Authority a;
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return a;
  const size_t begin = scheme_end + 3;
  a.end = std::min(url.find_first_of("/?#", begin), url.size());
  const std::string_view authority = url.substr(begin, a.end - begin);
  const size_t at = authority.rfind('@');
  a.host_begin = begin + (at == std::string_view::npos ? 0 : at + 1);
  // The port's colon comes after the host, and after an IPv6 literal's ']'.
  const size_t colon = url.rfind(':', a.end - 1);
  const size_t bracket = url.rfind(']', a.end - 1);
  if (colon != std::string_view::npos && colon >= a.host_begin &&
      (bracket == std::string_view::npos || bracket < a.host_begin || colon > bracket)) {
    a.port_colon = colon;
  }
  return a;
}

std::string WithoutPort(std::string_view url) {
  const Authority a = FindAuthority(url);
  if (a.host_begin == std::string_view::npos || a.port_colon == std::string_view::npos) {
    return std::string(url);
  }
  return std::string(url.substr(0, a.port_colon)) + std::string(url.substr(a.end));
}

std::string WithDefaultPort(std::string_view url) {
  const Authority a = FindAuthority(url);
  if (a.host_begin == std::string_view::npos || a.port_colon != std::string_view::npos) {
    return std::string(url);
  }
  const std::string_view port = url.starts_with("https://") ? ":443" : ":80";
  return std::string(url.substr(0, a.end)) + std::string(port) + std::string(url.substr(a.end));
}

bool SameSignature(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string TwilioSignature(std::string_view auth_token, std::string_view url,
                            const FormParams& params) {
  // std::map and std::set order std::string by bytes, as the algorithm wants.
  std::map<std::string, std::set<std::string>> sorted;
  for (const auto& [name, value] : params) sorted[name].insert(value);
  std::string data(url);
  for (const auto& [name, values] : sorted) {
    for (const std::string& value : values) data.append(name).append(value);
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), auth_token.data(), static_cast<int>(auth_token.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &mac_len);
  std::string out(4 * ((mac_len + 2) / 3) + 1, '\0');  // + its closing NUL
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), mac,
                                static_cast<int>(mac_len));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool TwilioSignatureMatches(std::string_view auth_token, std::string_view url,
                            const FormParams& params, std::string_view signature) {
  if (signature.empty()) return false;
  // Both are always computed, so the time taken does not tell which one matched.
  const bool without_port =
      SameSignature(TwilioSignature(auth_token, WithoutPort(url), params), signature);
  const bool with_port =
      SameSignature(TwilioSignature(auth_token, WithDefaultPort(url), params), signature);
  return without_port || with_port;
}

}  // namespace kneebot
