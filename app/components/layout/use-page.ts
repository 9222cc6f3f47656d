/** What every page component starts with: its loader's data, its action's result, and the language's text and formats. */
import { useActionData, useLoaderData } from '@remix-run/react'
import { useLang, useT } from '~/root'

export function usePage<Loader, Action = never>() {
  return { data: useLoaderData<Loader>(), result: useActionData<Action>(), t: useT(), lang: useLang() }
}
