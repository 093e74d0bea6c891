// Result<T>: the value of an operation that can fail in an expected way (invalid input, not
// found, forbidden, conflict). Exceptions are kept for the truly exceptional.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mash {

// One problem with one field of an input, in the domain's words. `field` is a path into the
// input as the API names it, e.g. "subjects[0].date_of_birth"; empty for the input as a whole.
struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

struct Error {
  enum class Kind { invalid, not_found, forbidden, unauthenticated, conflict, too_many, internal };
  Kind kind = Kind::internal;
  std::string message;             // one sentence for the user: what is wrong and how to fix it
  std::vector<FieldError> fields;  // for Kind::invalid: each field at fault

  static Error invalid(std::vector<FieldError> fields,
                       std::string message = "Check the details you entered") {
    return {Kind::invalid, std::move(message), std::move(fields)};
  }
  static Error not_found(std::string message) { return {Kind::not_found, std::move(message), {}}; }
  static Error forbidden(std::string message) { return {Kind::forbidden, std::move(message), {}}; }
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// For operations that return nothing but may fail.
struct Done {};
using Status = Result<Done>;
inline Status ok_status() { return Done{}; }

}  // namespace mash
