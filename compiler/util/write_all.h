#pragma once
#include <string_view>

namespace verdict {

// Writes all of `bytes` to `fd`: one write(2) for the whole of them,
// looping only on a short write or EINTR. False (errno set) on an error.
bool write_all(int fd, std::string_view bytes);

}  // namespace verdict
