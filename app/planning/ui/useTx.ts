/** `t` that shows the text itself when it is not a message key (server errors such as "plan 3 is accepted, not a draft"). */
import { useT } from '~/root'

export function useTx(): (keyOrText: string) => string {
  const t = useT()
  return t.code
}
