import { useEffect, useState } from "react";

/**
 * Search-as-you-type for a select's `onSearch`: returns the trimmed text once typing pauses (300 ms)
 * and the setter for the raw text.
 */
export function useDebouncedSearch(delayMs = 300): [q: string, setText: (text: string) => void] {
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const h = window.setTimeout(() => setQ(text.trim()), delayMs);
    return () => window.clearTimeout(h);
  }, [text, delayMs]);
  return [q, setText];
}
