"use client";

import * as Tooltip from "@radix-ui/react-tooltip";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import { z } from "zod/mini";

// zod compiles fast parsers with `new Function` unless told not to; the page's CSP forbids eval, so the browser
// would only log a blocked probe. The interpreter is plenty fast for one API answer at a time.
z.config({ jitless: true });

/** One React Query client per browser tab (created on first render, never shared between server requests). */
export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Refetching is explicit (Refresh) or follows a change of view; switching windows should not spend cloud calls.
          queries: { refetchOnWindowFocus: false },
        },
      }),
  );
  useEffect(() => {
    // Hydrated: the page's handlers are live (the browser tests wait for this before they click).
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <QueryClientProvider client={client}>
      <Tooltip.Provider delayDuration={300}>{children}</Tooltip.Provider>
    </QueryClientProvider>
  );
}
